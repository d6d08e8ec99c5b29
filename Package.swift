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
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    .target(name: "KravCore"),
    .target(name: "CKravHash", cSettings: [.unsafeFlags(["-O3"])]),
    .target(name: "KravStore", dependencies: ["KravCore", "CKravHash"]),
    .target(name: "TerminalUI"),
    .systemLibrary(
      name: "CNcursesw",
      providers: [.apt(["libncurses-dev"])]
    ),
    .target(name: "NcursesBackend", dependencies: ["CNcursesw", "TerminalUI"]),
    .target(name: "KravApp", dependencies: ["KravCore", "KravStore", "TerminalUI"]),
    .executableTarget(
      name: "krav",
      dependencies: [
        "KravCore", "KravStore", "KravApp", "TerminalUI", "NcursesBackend",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(name: "krav-bench", dependencies: ["KravCore", "KravStore"]),
    .target(
      name: "KravTestSupport",
      dependencies: ["KravCore", "KravStore", "KravApp", "TerminalUI"]
    ),
    .testTarget(name: "KravCoreTests", dependencies: ["KravCore"]),
    .testTarget(name: "KravStoreTests", dependencies: ["KravStore", "KravCore", "KravTestSupport"]),
    .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI"]),
    .testTarget(name: "KravAppTests", dependencies: ["KravApp", "KravTestSupport"]),
    .testTarget(name: "EndToEndTests", dependencies: ["KravTestSupport"]),
  ]
)
