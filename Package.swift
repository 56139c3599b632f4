// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "hookcheck",
    products: [
        .executable(name: "hookcheck", targets: ["hookcheck"]),
        .library(name: "HookCheckKit", targets: ["HookCheckKit"]),
    ],
    dependencies: [],
    targets: [
        .target(name: "HookCheckKit"),
        .executableTarget(name: "hookcheck", dependencies: ["HookCheckKit"]),
        .executableTarget(name: "hookcheck-bench", dependencies: ["HookCheckKit"]),
        .testTarget(name: "HookCheckKitTests", dependencies: ["HookCheckKit"], exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "EndToEndTests", dependencies: ["hookcheck"]),
    ]
)
