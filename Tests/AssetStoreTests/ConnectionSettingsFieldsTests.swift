import AssetCore
import AssetStore
import Foundation
import Testing

/// `ConnectionSettings.fieldKeys` (issue 19): documents of earlier releases decode unchanged and
/// show the 13; a choice survives encoding; the chooser lists the catalogue with places.
@Suite("Connection settings: chosen Kandji fields")
struct ConnectionSettingsFieldsTests {
  @Test func anEarlierDocumentShowsTheThirteen() throws {
    let old = #"{"requestsPerSecond":20,"requestsPerHour":5000,"refreshMinutes":0}"#
    let settings = try JSONDecoder().decode(ConnectionSettings.self, from: Data(old.utf8))
    #expect(settings.fieldKeys == nil)
    #expect(settings.requestsPerSecond == 20)
    #expect(settings.selectedFieldKeys == KandjiAttributeCatalogue.defaultKeys)
    #expect(settings.selectedDetailsExtras.isEmpty)
  }

  @Test func aChoiceRoundTripsAndPlacesItsFields() throws {
    var settings = ConnectionSettings()
    settings.fieldKeys = ["storage_free", "tags", "device_id"]
    let decoded = try JSONDecoder().decode(ConnectionSettings.self, from: try JSONEncoder().encode(settings))
    #expect(decoded.fieldKeys == ["storage_free", "tags", "device_id"])
    #expect(decoded.selectedDetailsExtras.map(\.key) == ["storage_free"])
    let choices = decoded.fieldChoices
    #expect(choices.count == KandjiAttributeCatalogue.attributes.count)
    #expect(choices.first { $0.attribute.key == "tags" }?.position == 1)
    #expect(choices.first { $0.attribute.key == "serial_number" }?.isSelected == false)
    let storage = try #require(choices.first { $0.attribute.key == "storage_free" })
    #expect(storage.sourceName == "details")
    #expect(storage.detailsSection == "volumes")
    #expect(storage.platformNames == ["Mac", "iPad", "iPhone", "Android"])
  }
}
