// swift-tools-version:6.1
import PackageDescription

let strictSwift6: [SwiftSetting] = [
  .swiftLanguageMode(.v6),
  .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
  name: "AssetSync",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "assetsync", targets: ["AssetSyncCLI"]),
    .library(name: "AssetCore", targets: ["AssetCore"]),
    .library(name: "KandjiAPI", targets: ["KandjiAPI"]),
    .library(name: "KandjiSimulator", targets: ["KandjiSimulator"]),
    .library(name: "AssetStore", targets: ["AssetStore"]),
    .library(name: "SQLStore", targets: ["SQLStore"]),
    .library(name: "SQLiteStore", targets: ["SQLiteStore"]),
    .library(name: "PostgresStore", targets: ["PostgresStore"]),
    .library(name: "StoreMigration", targets: ["StoreMigration"]),
    .library(name: "SyncService", targets: ["SyncService"]),
    .library(name: "AssetSyncApplication", targets: ["AssetSyncApplication"]),
    .library(name: "WebApp", targets: ["WebApp"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
    .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
    .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
    // Child processes with every descriptor but 0/1/2 closed in the child (issue 17): the CLI's
    // benchmarks and the tests that run `assetsync` or `psql`.
    .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    // Verifying OpenID Connect ID tokens against the provider's JWKS (issue 22).
    .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
  ],
  targets: [
    .target(name: "AssetCore", swiftSettings: strictSwift6),
    .target(
      name: "KandjiAPI",
      dependencies: [
        "AssetCore",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSwift6
    ),
    .target(
      name: "KandjiSimulator",
      dependencies: [
        "AssetCore",
        "KandjiAPI",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSwift6
    ),
    // The store protocol and its value types: what the app, the sync and the web use.
    .target(name: "AssetStore", dependencies: ["AssetCore"], swiftSettings: strictSwift6),
    // The one store implementation, every query and record written once, over `SQLDatabase`.
    .target(name: "SQLStore", dependencies: ["AssetCore", "AssetStore"], swiftSettings: strictSwift6),
    // The SQLite driver and migrations (GRDB).
    .target(
      name: "SQLiteStore",
      dependencies: ["AssetStore", "SQLStore", .product(name: "GRDB", package: "GRDB.swift")],
      swiftSettings: strictSwift6
    ),
    // The PostgreSQL driver and migrations (PostgresNIO).
    .target(
      name: "PostgresStore",
      dependencies: [
        "AssetStore", "SQLStore",
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSwift6
    ),
    // `migrate-database`: SQLite → PostgreSQL.
    .target(
      name: "StoreMigration",
      dependencies: ["AssetStore", "SQLStore", "SQLiteStore", "PostgresStore"],
      swiftSettings: strictSwift6
    ),
    .target(
      name: "AssetStoreTestSupport",
      dependencies: [
        "AssetStore", "SQLStore", "SQLiteStore", "PostgresStore",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "PostgresNIO", package: "postgres-nio"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Subprocess", package: "swift-subprocess"),
      ],
      swiftSettings: strictSwift6
    ),
    .target(
      name: "SyncService",
      dependencies: [
        "AssetCore", "KandjiAPI", "AssetStore",
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSwift6
    ),
    // OpenID Connect sign-in for agents (issue 22): discovery, JWKS, the code exchange and the
    // ID token's checks.
    .target(
      name: "SingleSignOn",
      dependencies: [
        "AssetCore", "AssetStore", "SyncService",
        .product(name: "JWTKit", package: "jwt-kit"),
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSwift6
    ),
    // The application layer: one builder of the store's use cases, the sync and the accounts, for
    // the server, the CLI and the benches alike (no web code).
    .target(
      name: "AssetSyncApplication",
      dependencies: [
        "AssetCore", "KandjiAPI", "AssetStore", "SyncService",
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSwift6
    ),
    .target(
      name: "WebApp",
      dependencies: [
        "AssetCore", "KandjiAPI", "AssetStore", "SyncService", "SingleSignOn", "AssetSyncApplication",
        .product(name: "Hummingbird", package: "hummingbird"),
        .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
        .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
        .product(name: "HTTPTypes", package: "swift-http-types"),
        .product(name: "Crypto", package: "swift-crypto"),
        .product(name: "Prometheus", package: "swift-prometheus"),
        .product(name: "Mustache", package: "swift-mustache"),
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSwift6
    ),
    .executableTarget(
      name: "AssetSyncCLI",
      dependencies: [
        "AssetCore",
        "KandjiAPI",
        "KandjiSimulator",
        "AssetStore",
        "SQLiteStore",
        "PostgresStore",
        "StoreMigration",
        "SyncService",
        "AssetSyncApplication",
        "WebApp",
        "SingleSignOn",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        .product(name: "UnixSignals", package: "swift-service-lifecycle"),
        .product(name: "Logging", package: "swift-log"),
        .product(name: "Subprocess", package: "swift-subprocess"),
      ],
      swiftSettings: strictSwift6
    ),
    .testTarget(name: "AssetCoreTests", dependencies: ["AssetCore"], swiftSettings: strictSwift6),
    .testTarget(
      name: "KandjiAPITests",
      dependencies: ["AssetCore", "KandjiAPI", "KandjiSimulator"],
      resources: [.copy("Fixtures")],
      swiftSettings: strictSwift6
    ),
    .testTarget(
      name: "AssetStoreTests",
      dependencies: [
        "AssetStore", "AssetCore", "SQLStore", "SQLiteStore", "PostgresStore", "StoreMigration",
        "AssetStoreTestSupport",
      ],
      swiftSettings: strictSwift6
    ),
    .testTarget(
      name: "SyncServiceTests",
      dependencies: [
        "SyncService", "AssetStore", "SQLiteStore", "PostgresStore", "AssetCore", "KandjiAPI", "KandjiSimulator",
        "AssetStoreTestSupport",
        .product(name: "Logging", package: "swift-log"),
      ],
      swiftSettings: strictSwift6
    ),
    .testTarget(
      name: "WebAppTests",
      dependencies: [
        "WebApp", "AssetSyncApplication", "SyncService", "AssetStore", "SQLiteStore", "PostgresStore", "AssetCore",
        "KandjiAPI", "KandjiSimulator", "AssetStoreTestSupport", "SingleSignOn",
        .product(name: "HummingbirdTesting", package: "hummingbird"),
        .product(name: "JWTKit", package: "jwt-kit"),
        .product(name: "CryptoExtras", package: "swift-crypto"),
        .product(name: "Yams", package: "Yams"),
        .product(name: "NIOEmbedded", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
      ],
      swiftSettings: strictSwift6
    ),
    .testTarget(
      name: "CLITests",
      dependencies: [
        "AssetStore", "SQLiteStore", "PostgresStore", "AssetCore", "AssetStoreTestSupport",
        .product(name: "Subprocess", package: "swift-subprocess"),
      ],
      swiftSettings: strictSwift6
    ),
    .testTarget(
      name: "KandjiSimulatorTests",
      dependencies: [
        "AssetCore", "KandjiSimulator", "KandjiAPI",
        .product(name: "AsyncHTTPClient", package: "async-http-client"),
      ],
      swiftSettings: strictSwift6
    ),
  ]
)
