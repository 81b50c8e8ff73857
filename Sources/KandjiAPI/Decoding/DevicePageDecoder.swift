import Foundation

/// Decodes a list response body into a `DevicePage`, one device at a time.
///
/// Each array element is decoded through `Slot`, whose initialiser never throws: a device that
/// fails becomes a `DeviceDecodeFailure` and the array cursor still moves past it. A body that
/// is not JSON at all is a page-level error. A bare object instead of an array (the vendor's
/// "Query for specific serial number" doc example) is read as a one-device page.
public enum DevicePageDecoder {
  public static func decode(_ body: some Sequence<UInt8>, offset: Int) throws(KandjiError) -> DevicePage {
    let data = Data(body)
    let slots: [Slot]
    do {
      let decoder = JSONDecoder()
      decoder.userInfo[Slot.baseOffsetKey] = offset
      if let first = data.first(where: { !isJSONWhitespace($0) }), first == UInt8(ascii: "{") {
        slots = [try decoder.decode(Slot.self, from: data)]
      } else {
        slots = try decoder.decode([Slot].self, from: data)
      }
    } catch {
      throw .decoding(detail: "the device list is not a JSON array (\(DecodingErrorText.describe(error)))")
    }
    var devices: [KandjiDevice] = []
    var failures: [DeviceDecodeFailure] = []
    devices.reserveCapacity(slots.count)
    for (index, slot) in slots.enumerated() {
      switch slot.result {
      case .success(let device): devices.append(device)
      case .failure(var failure):
        failure.position = offset + index
        failures.append(failure)
      }
    }
    return DevicePage(offset: offset, recordCount: slots.count, devices: devices, failures: failures)
  }

  private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }

  struct Slot: Decodable {
    static let baseOffsetKey = CodingUserInfoKey(rawValue: "assetsync.baseOffset")!
    var result: Result<KandjiDevice, DeviceDecodeFailure>

    init(from decoder: any Decoder) {
      do {
        result = .success(try KandjiDevice(from: decoder))
      } catch {
        let salvage = try? decoder.container(keyedBy: AnyKey.self)
        func text(_ key: String) -> String? { try? salvage?.decodeIfPresent(String.self, forKey: AnyKey(key)) }
        result = .failure(
          DeviceDecodeFailure(
            position: 0, deviceID: text("device_id"), serialNumber: text("serial_number"),
            deviceName: text("device_name"), platformName: text("platform"),
            reason: DecodingErrorText.describe(error)))
      }
    }
  }
}

/// Turns a `DecodingError` into one short sentence naming the field (`user.email: expected a
/// string`), instead of Foundation's multi-line dump.
public enum DecodingErrorText {
  public static func describe(_ error: any Error) -> String {
    guard let error = error as? DecodingError else { return String(describing: error) }
    switch error {
    case .keyNotFound(let key, let context):
      return "\(path(context.codingPath + [key])) is missing"
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
      let location = path(context.codingPath)
      let what = context.debugDescription
      return location.isEmpty ? what : "\(location): \(what)"
    @unknown default:
      return String(describing: error)
    }
  }

  private static func path(_ keys: [any CodingKey]) -> String {
    // Array positions are reported separately (`DeviceDecodeFailure.position`); names only here.
    keys.filter { $0.intValue == nil }.map(\.stringValue).joined(separator: ".")
  }
}
