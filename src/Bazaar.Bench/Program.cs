using Bazaar.Bench.Commands;

// bazaar bench <scenario> --rate 5000 ...; bazaar status|scale|rollout|promote|abort|rollback talk to the running Host.
return await BenchCommand.Create(TimeProvider.System, Console.Out, Console.Error).Parse(args).InvokeAsync();
