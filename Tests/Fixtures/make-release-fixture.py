#!/usr/bin/env python3
"""Writes an upgrade fixture: a database made by a release of AssetSync, plus what that release's
API answered about it, so the upgrade test can open the database with today's code and check that
everything is still there and answers as before.

    swift build --product assetsync
    python3 Tests/Fixtures/make-release-fixture.py .build/debug/assetsync Tests/Fixtures/release-NAME

Run it with the binary of the release being captured, never with newer code: a fixture is frozen
once committed. It starts `assetsync demo` (simulator, initial sync, contacts, tickets, an admin
with an API key) on a fixed database path, then adds what the demo does not make: a manual asset
type and manual assets, a contact linked by hand, a ticket linked to a manual asset, a second
agent with an API key, and a second sync after the simulator renamed, changed and removed
devices (so runs have updated and retired rows). It records the API's answers, stops the demo
and copies the SQLite file and its key. The PostgreSQL dump is made from that file by
`scripts/with-postgres` + `assetsync migrate-database` + `pg_dump --inserts` (see README.md here).
"""
import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request


def main() -> None:
    binary, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    work = tempfile.mkdtemp(prefix="assetsync-fixture-")
    db = os.path.join(work, "assetsync.sqlite")
    demo = subprocess.Popen(
        [binary, "demo", "--port", "0", "--devices", "40", "--database", db, "--json"],
        stdout=subprocess.PIPE, text=True)
    info = json.loads(demo.stdout.readline())
    base = info["url"] + "/api/1.1/json/"
    auth = "Basic " + base64.b64encode(f"{info['api_key']}:{info['auth_code']}".encode()).decode()
    kandji_auth = "Bearer " + info["kandji_token"]

    def call(method: str, path: str, body=None, url=None, headers=None):
        request = urllib.request.Request(
            (url or base) + path, method=method,
            data=None if body is None else json.dumps(body).encode(),
            headers={"Authorization": auth, "Content-Type": "application/json", **(headers or {})})
        with urllib.request.urlopen(request) as response:
            raw = response.read()
            return raw if path.endswith(".csv") else (json.loads(raw) if raw else None)

    def simulator(path: str):
        return call("POST", "_simulator/" + path, url=info["kandji_url"] + "/",
                    headers={"Authorization": kandji_auth})

    def wait_for_sync():
        for _ in range(600):
            if call("GET", "apps/kandji")["running_sync_run"] is None:
                return
            time.sleep(0.1)
        raise SystemExit("the sync did not finish")

    try:
        wait_for_sync()
        types = call("GET", "asset_types/")
        mac = next(t for t in types if t["name"] == "Mac")
        monitors = call("POST", "asset_types/", {"name": "Monitors", "description": "Desk monitors"})
        contact = call("POST", "users/", {"name": "Zoë Łukasz", "email": "zoe@example.com",
                                           "phones": ["+49 30 1234567"]})
        call("POST", f"assets/?asset_type={monitors['id']}",
             {"name": "Dell U2723QE", "display_id": "MON-0001", "contact_ids": [contact["id"]]})
        call("POST", f"assets/?asset_type={monitors['id']}", {"name": "LG 27UK850", "display_id": "MON-0002"})
        loaner = call("POST", f"assets/?asset_type={mac['id']}",
                      {"name": "Loaner MacBook (manual)", "display_id": "LOANER-1"})
        call("POST", "tickets/", {"subject": "Loaner needs a charger", "status": "open",
                                  "contact_id": contact["id"], "asset_ids": [loaner["id"]]})
        # A second sync with changes in the tenant: renamed, new OS, removed.
        macs = call("GET", f"assets/?asset_type={mac['id']}&size=50")["data"]
        synced = [a for a in macs if a.get("managed")]
        device = lambda a: next(f["value"] for f in a["custom_fields"] if f["name"] == "Device ID")
        simulator(f"devices/{device(synced[0])}/rename?name=Renamed%20by%20fixture")
        simulator(f"devices/{device(synced[1])}/os-version?version=15.9")
        simulator(f"devices/{device(synced[2])}/remove")
        call("POST", "apps/kandji/sync")
        wait_for_sync()
        subprocess.run(
            [binary, "agents", "create", "--database", db, "--email", "agent@example.com", "--name", "Agnes Agent",
             "--role", "agent", "--password-stdin"], input="agent password 1234\n", text=True, check=True)
        key = json.loads(subprocess.run(
            [binary, "api-keys", "create", "--database", db, "--agent", "agent@example.com", "--json"],
            capture_output=True, text=True, check=True).stdout)

        answers = {"agent_api_key": key, "admin_api_key": {
            "api_key": info["api_key"], "auth_code": info["auth_code"]}, "kandji_token": info["kandji_token"]}
        answers["asset_types"] = call("GET", "asset_types/")
        answers["assets"] = {}
        answers["asset_details"] = {}
        for asset_type in answers["asset_types"]:
            page, items = 1, []
            while True:
                got = call("GET", f"assets/?asset_type={asset_type['id']}&size=50&page={page}")
                items += got["data"]
                if page >= got["page_info"]["page_count"]:
                    break
                page += 1
            answers["assets"][str(asset_type["id"])] = items
            for asset in items[:3]:
                answers["asset_details"][str(asset["id"])] = call("GET", f"asset/{asset['id']}/")
        answers["asset_custom_fields"] = {
            str(t["id"]): call("GET", f"asset_custom_fields/?asset_type={t['id']}") for t in answers["asset_types"]}
        answers["users"] = call("GET", "users/?size=50")
        answers["tickets"] = call("GET", "tickets/?size=50")
        answers["kandji_app"] = call("GET", "apps/kandji")
        answers["sync_runs"] = call("GET", "apps/kandji/sync_runs")
        answers["reports"] = {
            str(run["id"]): call("GET", f"apps/kandji/sync_runs/{run['id']}/report.csv").decode()
            for run in answers["sync_runs"]}
    finally:
        demo.send_signal(signal.SIGINT)
        demo.wait(timeout=60)

    shutil.copy(db, os.path.join(out, "assetsync.sqlite"))
    shutil.copy(db + ".key", os.path.join(out, "assetsync.sqlite.key"))
    for suffix in ("-wal", "-shm"):
        if os.path.exists(db + suffix) and os.path.getsize(db + suffix) > 0:
            raise SystemExit(f"the demo left a non-empty {suffix} file: the copy would miss data")
    with open(os.path.join(out, "api-answers.json"), "w") as file:
        json.dump(answers, file, indent=1, ensure_ascii=False, sort_keys=True)
        file.write("\n")
    shutil.rmtree(work)
    print(f"fixture written to {out}")


if __name__ == "__main__":
    main()
