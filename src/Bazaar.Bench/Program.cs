using Bazaar.Bench.Commands;

// bazaar bench <browse|search|mix|checkout|baseline> --rate 5000 --duration 30s ...
return await BenchCommand.Create(TimeProvider.System, Console.Out, Console.Error).Parse(args).InvokeAsync();
