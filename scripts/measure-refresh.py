#!/usr/bin/env python3
"""Times "Refresh from Kandji" through the web form: POST /assets/<id>/refresh → 303 → the asset
page with the new OS version (the simulator changes it first). Usage: scripts/measure-refresh.py .build/release/assetsync"""
import json, re, shutil, subprocess, sys, tempfile, time, os, statistics
import http.cookiejar, urllib.request, urllib.parse

binary = sys.argv[1]
work = tempfile.mkdtemp()
demo = subprocess.Popen([binary, "demo", "--port", "0", "--devices", "500", "--json", "--database", os.path.join(work, "d.sqlite")],
                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
info = json.loads(demo.stdout.readline())
jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
def csrf(html): return re.search(r'name="_csrf" value="([^"]+)"', html).group(1)
page = opener.open(info["url"] + "/login").read().decode()
opener.open(info["url"] + "/login", urllib.parse.urlencode({"_csrf": csrf(page), "email": info["email"], "password": info["password"], "next": "/assets"}).encode()).read()
times = []
for asset_id in range(1, 41):
    html = opener.open(f'{info["url"]}/assets/{asset_id}').read().decode()
    m = re.search(r'<dt>Device ID</dt>\s*<dd>([^<]+)</dd>', html)
    if not m or "refresh-from-kandji" not in html:
        continue
    version = f"27.{asset_id}.1"
    req = urllib.request.Request(f'{info["kandji_url"]}/_simulator/devices/{m.group(1).strip()}/os-version?version={version}',
                                 method="POST", headers={"Authorization": "Bearer " + info["kandji_token"]})
    urllib.request.urlopen(req).read()
    start = time.perf_counter()
    shown = opener.open(f'{info["url"]}/assets/{asset_id}/refresh', urllib.parse.urlencode({"_csrf": csrf(html)}).encode()).read().decode()
    elapsed = time.perf_counter() - start
    assert version in shown, f"asset {asset_id}: new version not on the page"
    times.append(elapsed * 1000)
demo.terminate(); demo.wait()
shutil.rmtree(work, ignore_errors=True)
times.sort()
print(f"{len(times)} refreshes through the web form: p50 {statistics.median(times):.1f} ms, max {times[-1]:.1f} ms")
