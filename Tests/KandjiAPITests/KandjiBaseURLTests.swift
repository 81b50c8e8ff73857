import Synchronization
import Testing

@testable import KandjiAPI

@Suite("The tenant's API URL as admins paste it (R2)")
struct KandjiBaseURLTests {
  @Test(
    "Kandji hosts normalise to https without a trailing slash",
    arguments: [
      ("accuhive.api.kandji.io", "https://accuhive.api.kandji.io"),
      ("https://accuhive.api.kandji.io/", "https://accuhive.api.kandji.io"),
      ("  ACCUHIVE.api.kandji.io/api/v1/  ", "https://accuhive.api.kandji.io"),
      ("http://accuhive.api.kandji.io", "https://accuhive.api.kandji.io"),
      ("acme.api.eu.kandji.io", "https://acme.api.eu.kandji.io"),
      ("acme.api.iru.com/api", "https://acme.api.iru.com"),
      ("acme.api.eu.iru.com", "https://acme.api.eu.iru.com"),
    ])
  func kandjiHosts(input: String, origin: String) throws {
    let url = try KandjiBaseURL(input)
    #expect(url.origin == origin)
    #expect(url.isKandjiHost)
  }

  @Test func customEndpointIsUsedAsGiven() throws {
    let url = try KandjiBaseURL("http://127.0.0.1:8123/")
    #expect(url.origin == "http://127.0.0.1:8123")
    #expect(!url.isKandjiHost)
    #expect(url.url(path: "/api/v1/devices") == "http://127.0.0.1:8123/api/v1/devices")
    #expect(url.consoleURL(deviceID: "abc") == "http://127.0.0.1:8123/devices/abc")
    let proxied = try KandjiBaseURL("https://proxy.example.com/kandji/api/v1")
    #expect(proxied.origin == "https://proxy.example.com/kandji")
  }

  @Test(
    "the console URL drops .api. from the host",
    arguments: [
      ("accuhive.api.kandji.io", "https://accuhive.kandji.io/devices/d1"),
      ("acme.api.eu.kandji.io", "https://acme.eu.kandji.io/devices/d1"),
      ("acme.api.iru.com", "https://acme.iru.com/devices/d1"),
    ])
  func consoleURL(input: String, expected: String) throws {
    #expect(try KandjiBaseURL(input).consoleURL(deviceID: "d1") == expected)
  }

  @Test(
    "unusable text is a clear error",
    arguments: [
      ("", "Enter your Kandji API URL"),
      ("not a url", "is not a URL"),
      ("accuhive.kandji.io", "web console"),
      ("example.com", "must start with http:// or https://"),
      ("ftp://acme.api.kandji.io", "is not a URL"),
      ("a.b.api.kandji.io", "expected SUBDOMAIN.api.kandji.io"),
      (".api.kandji.io", "is not a Kandji API URL"),
    ])
  func rejects(input: String, message: String) {
    do {
      _ = try KandjiBaseURL(input)
      Issue.record("accepted \(input)")
    } catch {
      #expect(error.description.contains(message), "\(error.description)")
    }
  }

  // Issue 16 item 3: the host is checked as typed. Each of these reached loopback (or could)
  // on 4d88efd without --allow-custom-kandji-endpoints.
  @Test(
    "hosts that only pass for a Kandji host after decoding, or are numbers in disguise, are refused",
    arguments: [
      "https://localhost%3A18092%23.api.kandji.io", "localhost%3A18092%23.api.kandji.io",
      "https://127.0.0.1%2F.api.kandji.io", "https://acme%2Eapi.kandji.io", "https://user@acme.api.kandji.io",
      "https://acme.api.kandji.io@127.0.0.1", "https://127.0.0.1#.api.kandji.io", "https://127.0.0.1?.api.kandji.io",
      "https://a_b.api.kandji.io", "https://-acme.api.kandji.io", "https://2130706433", "http://2130706433:18092",
      "https://0x7f000001", "https://0x7f.0.0.1", "https://0177.0.0.1", "https://127.1", "https://127.0.0.01",
      "https://[::1%25lo]", "https://[fe80::1%eth0]", "https://acme.api.kandji.io\\@127.0.0.1",
      "https://acme.api.kandji.io.",
      "acme.api.kandji.io:8443", "https://acme.api.kandji.io:99999",
    ])
  func bypassFormsAreRefused(input: String) {
    #expect(throws: KandjiError.self, "\(input)") { try KandjiBaseURL(input) }
  }

  @Test(
    "URLs that parse but are not Kandji's API hosts on port 443 are refused by the default policy, before any lookup",
    arguments: [
      "https://[::1]", "https://[::1]:8443", "http://[::ffff:127.0.0.1]", "https://127.0.0.1", "http://10.0.0.8",
      "https://acme.api.kandji.io:8443", "http://acme.api.kandji.io:8080", "https://acme.api.kandji.io.evil.example",
      "https://api.kandji.io.evil.example/x",
    ])
  func parsedButNotKandji(input: String) async throws {
    let url = try KandjiBaseURL(input)
    #expect(!url.isKandjiHost)
    let lookups = LookupCounter()
    do {
      _ = try await KandjiEndpointPolicy.kandjiHostsOnly.check(url) { host in
        lookups.count(host)
        return [IPAddress("52.1.2.3")!]
      }
      Issue.record("accepted \(input)")
    } catch {
      #expect(error.description.contains("--allow-custom-kandji-endpoints"))
    }
    #expect(lookups.total == 0)
  }

  @Test("request URLs are built from the checked parts; values cannot end the query or the path")
  func requestURLsFromComponents() throws {
    let kandji = try KandjiBaseURL("acme.api.kandji.io")
    #expect(kandji.scheme == "https" && kandji.host == "acme.api.kandji.io" && kandji.port == nil)
    #expect(
      kandji.url(path: "/api/v1/devices", query: [("device_id", "a&b#c/../?d e"), ("limit", "2")])
        == "https://acme.api.kandji.io/api/v1/devices?device_id=a%26b%23c%2F..%2F%3Fd%20e&limit=2")
    #expect(
      kandji.url(path: "/api/v1/devices/\(KandjiBaseURL.pathSegment("x/../y?#"))/details")
        == "https://acme.api.kandji.io/api/v1/devices/x%2F..%2Fy%3F%23/details")
    let v6 = try KandjiBaseURL("http://[::1]:8123/prefix/")
    #expect(v6.host == "::1" && v6.port == 8123 && v6.pathPrefix == "/prefix")
    #expect(v6.url(path: "/api/v1/devices") == "http://[::1]:8123/prefix/api/v1/devices")
    #expect(try KandjiBaseURL("https://acme.api.kandji.io:443").origin == "https://acme.api.kandji.io")
    #expect(try KandjiBaseURL("https://127.0.0.1:443").url(path: "/x") == "https://127.0.0.1/x")
  }
}

/// Counts lookups (for tests of "resolve once" and "no lookup before the host rule").
final class LookupCounter: Sendable {
  private let state = Mutex<[String]>([])
  func count(_ host: String) { state.withLock { $0.append(host) } }
  var total: Int { state.withLock { $0.count } }
}
