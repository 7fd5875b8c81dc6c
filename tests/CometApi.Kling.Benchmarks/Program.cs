using BenchmarkDotNet.Running;

// `dotnet run -c Release --project tests/CometApi.Kling.Benchmarks -- --filter '*'` runs everything;
// CI runs `-- --filter '*' --job dry --inProcess` so the benchmarks keep compiling and running.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
