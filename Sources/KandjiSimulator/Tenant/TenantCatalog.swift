import AssetCore

/// The realistic values a simulated tenant draws from: models with their identifiers, OS
/// versions with builds, people and blueprints.
enum TenantCatalog {
  struct Model {
    let name: String
    let identifier: String
  }

  struct OSRelease {
    let version: String
    let build: String
  }

  /// Share of each platform in a typical Kandji fleet (sums to 100).
  static let platformShares: [(Platform, Int)] = [
    (.mac, 46), (.iPhone, 24), (.iPad, 16), (.appleTV, 4), (.android, 6), (.windows, 4),
  ]

  static let models: [Platform: [Model]] = [
    .mac: [
      Model(name: "MacBook Air (M1, 2020)", identifier: "MacBookAir10,1"),
      Model(name: "MacBook Air (M2, 2022)", identifier: "Mac14,2"),
      Model(name: "MacBook Air (15-inch, M3, 2024)", identifier: "Mac15,13"),
      Model(name: "MacBook Pro (14-inch, 2023)", identifier: "Mac14,9"),
      Model(name: "MacBook Pro (16-inch, Nov 2023)", identifier: "Mac15,7"),
      Model(name: "MacBook Air (Retina, 13-inch, 2020)", identifier: "MacBookAir9,1"),
      Model(name: "Mac mini (M2, 2023)", identifier: "Mac14,3"),
      Model(name: "iMac (24-inch, M3, 2023)", identifier: "Mac15,4"),
      Model(name: "Mac Studio (2023)", identifier: "Mac14,13"),
      Model(name: "Virtual Machine", identifier: "VirtualMac2,1"),
    ],
    .iPhone: [
      Model(name: "iPhone 13", identifier: "iPhone14,5"),
      Model(name: "iPhone 14", identifier: "iPhone14,7"),
      Model(name: "iPhone 15 Pro", identifier: "iPhone16,1"),
      Model(name: "iPhone 16", identifier: "iPhone17,3"),
      Model(name: "iPhone SE (3rd generation)", identifier: "iPhone14,6"),
    ],
    .iPad: [
      Model(name: "iPad (8th generation) (Wi-Fi)", identifier: "iPad11,6"),
      Model(name: "iPad (10th generation) (Wi-Fi)", identifier: "iPad13,18"),
      Model(name: "iPad Air (5th generation) (Wi-Fi + Cellular)", identifier: "iPad13,17"),
      Model(name: "iPad Pro (11-inch) (4th generation)", identifier: "iPad14,3"),
    ],
    .appleTV: [
      Model(name: "Apple TV 4K (2nd generation)", identifier: "AppleTV11,1"),
      Model(name: "Apple TV 4K (3rd generation)", identifier: "AppleTV14,1"),
    ],
    .android: [
      Model(name: "Pixel 9", identifier: "tokay"),
      Model(name: "Pixel 8a", identifier: "akita"),
      Model(name: "Galaxy S24", identifier: "SM-S921B"),
      Model(name: "Galaxy Tab Active5", identifier: "SM-X306B"),
    ],
    .windows: [
      Model(name: "Surface Laptop 6", identifier: "Surface_Laptop_6"),
      Model(name: "ThinkPad T14 Gen 4", identifier: "21HD"),
      Model(name: "Latitude 7440", identifier: "0C6B"),
    ],
  ]

  static let releases: [Platform: [OSRelease]] = [
    .mac: [
      OSRelease(version: "14.4.1", build: "23E224"), OSRelease(version: "14.7.1", build: "23H222"),
      OSRelease(version: "15.1", build: "24B83"), OSRelease(version: "15.3.2", build: "24D81"),
      OSRelease(version: "13.6.9", build: "22G830"),
    ],
    .iPhone: [
      OSRelease(version: "17.5.1", build: "21F90"), OSRelease(version: "18.1", build: "22B83"),
      OSRelease(version: "18.3.2", build: "22D82"),
    ],
    .iPad: [
      OSRelease(version: "17.5.1", build: "21F90"), OSRelease(version: "18.1", build: "22B83"),
      OSRelease(version: "16.1.1", build: "20B101"),
    ],
    .appleTV: [OSRelease(version: "17.5", build: "21L569"), OSRelease(version: "18.1", build: "22J580")],
    .android: [OSRelease(version: "15", build: "AP4A.241205.013"), OSRelease(version: "14", build: "UQ1A.240205.004")],
    .windows: [
      OSRelease(version: "10.0.22631", build: "22631.4460"), OSRelease(version: "10.0.26100", build: "26100.2314"),
    ],
  ]

  static let firstNames = [
    "Ada", "Grace", "Alan", "Linus", "Margaret", "Dennis", "Barbara", "Ken", "Radia", "Tim", "Frances",
    "Guido", "Hedy", "Katherine", "John", "Joan", "Sophie", "Yukihiro", "Anita", "Bjarne", "Chloé", "Zoë",
    "Mateo", "Aisha", "Wei", "Priya", "Olu", "Noah", "Mia", "Lars",
  ]

  static let lastNames = [
    "Lovelace", "Hopper", "Turing", "Torvalds", "Hamilton", "Ritchie", "Liskov", "Thompson", "Perlman",
    "Berners-Lee", "Allen", "van Rossum", "Lamarr", "Johnson", "Backus", "Clarke", "Wilson", "Matsumoto",
    "Borg", "Stroustrup", "Dubois", "Müller", "García", "Khan", "Zhang", "Patel", "Adeyemi", "O'Brien",
  ]

  static let blueprints = [
    "Default Blueprint", "Engineering Macs", "Sales & Marketing", "Kiosk iPads", "Conference Rooms",
    "Field Android", "Windows Pilot", "Executives",
  ]

  static let departments = ["ENG", "SALES", "OPS", "FIN", "HR", "IT", "LAB"]

  /// The tag sets devices carry (issue 19); about half the fleet has none.
  static let tagSets: [[String]] = [
    ["accuhive_02"], ["loaner"], ["vip"], ["remote"], ["remote", "vip"], ["engineering", "remote"],
    ["kiosk"], ["byod"], ["loaner", "needs-repair"],
  ]

  /// `hardware_overview.processor_name` by model identifier.
  static let processors: [String: String] = [
    "MacBookAir10,1": "Apple M1", "Mac14,2": "Apple M2", "Mac15,13": "Apple M3", "Mac14,9": "Apple M2 Pro",
    "Mac15,7": "Apple M3 Max", "MacBookAir9,1": "1.1 GHz Quad-Core Intel Core i5", "Mac14,3": "Apple M2",
    "Mac15,4": "Apple M3", "Mac14,13": "Apple M2 Max", "VirtualMac2,1": "Apple Virtual Processor",
  ]

  /// `hardware_overview.memory` texts as Macs report them.
  static let macMemory = ["8 GB LPDDR4", "8 GB", "16 GB", "16 GB LPDDR5", "24 GB", "32 GB", "8 GB 3733MHz LPDDR4X"]
}
