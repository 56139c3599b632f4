// swift-tools-version:6.0
import PackageDescription

// Layers, bottom to top (README, "Layout"): Model; Crypto; Syntax, Input, Schema; Vendors;
// Pipeline; Report; CLI. Model and Crypto are modules of their own, so the compiler keeps every
// other layer out of them; the folders above share HookCheckKit and a test checks their order.
let package = Package(
    name: "hookcheck",
    products: [
        .executable(name: "hookcheck", targets: ["hookcheck"]),
        .library(name: "HookCheckKit", targets: ["HookCheckKit"]),
    ],
    dependencies: [],
    targets: [
        .target(name: "HookCheckModel", path: "Sources/HookCheckKit/Model"),
        .target(name: "HookCheckCrypto", path: "Sources/HookCheckKit/Crypto"),
        .target(name: "HookCheckKit", dependencies: ["HookCheckModel", "HookCheckCrypto"], exclude: ["Model", "Crypto"]),
        .executableTarget(name: "hookcheck", dependencies: ["HookCheckKit"]),
        .executableTarget(name: "hookcheck-bench", dependencies: ["HookCheckKit"]),
        .testTarget(name: "HookCheckKitTests", dependencies: ["HookCheckKit"], exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "EndToEndTests", dependencies: ["hookcheck"]),
    ]
)
