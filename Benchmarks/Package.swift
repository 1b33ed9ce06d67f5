// swift-tools-version:6.1
// Benchmarks, run on demand (not in CI): `cd Benchmarks && swift package benchmark`.
// See Docs/PERFORMANCE.md for the data they read and the figures.
import PackageDescription

let package = Package(
    name: "StudyLeaveBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "LedgerBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "StudyLeaveLedger", package: "main"),
                .product(name: "StudyLeaveApp", package: "main"),
            ],
            path: "Benchmarks/LedgerBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        // 16 offices writing at once to one PostgreSQL ledger (Benchmarks/postgres.sh runs it beside pgbench).
        .executableTarget(
            name: "PostgresWriters",
            dependencies: [
                .product(name: "StudyLeaveApp", package: "main"),
                .product(name: "StudyLeaveDomain", package: "main"),
            ],
            path: "Benchmarks/PostgresWriters"),
    ]
)
