// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Krav",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "krav", targets: ["krav"]),
    .executable(name: "krav-bench", targets: ["krav-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // CSV reading for `krav import` (quoted fields, embedded newlines, `;`, BOM): issue 7.
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
  ],
  targets: [
    .target(name: "KravCore"),
    .target(name: "CKravScan"),
    .target(name: "KravStore", dependencies: ["KravCore", "CKravScan"]),
    .target(name: "TerminalUI"),
    .systemLibrary(
      name: "CNcursesw",
      providers: [.apt(["libncurses-dev"])]
    ),
    // PDF letters and reports (issue 19): cairo draws, pango lays out text; only KravPDF
    // imports it.
    .systemLibrary(
      name: "CPangoCairo",
      pkgConfig: "pangocairo",
      providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]
    ),
    .target(name: "KravPDF", dependencies: ["CPangoCairo"]),
    .target(name: "KravLetters", dependencies: ["KravCore", "KravPDF"]),
    .target(name: "NcursesBackend", dependencies: ["CNcursesw", "TerminalUI"]),
    // The app and the command line see only the public API: the store's fast-path hooks in
    // KravCore (prefetch, index slots, storage positions, threads) are `package` (Docs/architecture.md).
    .target(
      name: "KravApp",
      dependencies: ["KravCore", "KravStore", "KravExchange", "KravLetters", "TerminalUI"],
      packageAccess: false),
    .target(
      name: "KravExchange",
      dependencies: ["KravCore", .product(name: "CSV", package: "CSV.swift")]
    ),
    .executableTarget(
      name: "krav",
      dependencies: [
        "KravCore", "KravStore", "KravApp", "KravExchange", "KravLetters", "KravPDF", "TerminalUI",
        "NcursesBackend",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      packageAccess: false
    ),
    .executableTarget(
      name: "krav-bench",
      dependencies: [
        "KravCore", "KravStore", "KravExchange", "KravLetters", "KravApp", "TerminalUI",
      ]),
    .target(
      name: "KravTestSupport",
      dependencies: ["KravCore", "KravStore", "KravApp", "KravExchange", "TerminalUI"]
    ),
    .testTarget(name: "KravCoreTests", dependencies: ["KravCore"]),
    .testTarget(
      name: "KravStoreTests", dependencies: ["KravStore", "KravCore", "KravTestSupport"]),
    .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
    .testTarget(name: "KravPDFTests", dependencies: ["KravPDF", "KravTestSupport"]),
    // Hand-made bank files are read from the source tree by path (Helpers.swift, fixture).
    .testTarget(
      name: "KravExchangeTests", dependencies: ["KravExchange", "KravCore"],
      exclude: ["Fixtures"]),
    // Screen snapshots are read from the source tree by path (AppDriver.snapshotMismatch).
    .testTarget(
      name: "KravAppTests", dependencies: ["KravApp", "KravTestSupport"], exclude: ["Snapshots"]),
    .testTarget(name: "EndToEndTests", dependencies: ["KravTestSupport"]),
  ]
)
