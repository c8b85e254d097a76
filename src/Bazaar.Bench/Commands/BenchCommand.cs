using System.CommandLine;
using System.CommandLine.Parsing;
using Bazaar.Bench.Running;
using Bazaar.Bench.Scenarios;

namespace Bazaar.Bench.Commands;

/// <summary><c>bazaar bench &lt;scenario&gt; [options]</c>.</summary>
internal static class BenchCommand
{
    public static RootCommand Create(TimeProvider clock, TextWriter output, TextWriter progress)
    {
        var scenario = new Argument<string>("scenario")
        {
            Description = "browse | search | mix | checkout against the gateway at --target; baseline = an empty endpoint directly, through the gateway and through nginx.",
        };
        scenario.AcceptOnlyFromAmong([.. ScenarioCatalog.Names, "baseline"]);
        var rate = new Option<double>("--rate") { Description = "Requests per second (the starting rate with --find-max).", DefaultValueFactory = _ => 1000 };
        var duration = Duration("--duration", "How long each measured run lasts (30s, 2m, ...).", TimeSpan.FromSeconds(30));
        var warmup = Duration("--warmup", "A run at the same rate before each measured run, not counted.", TimeSpan.FromSeconds(5));
        var connections = new Option<int>("--connections") { Description = "HTTP connections to the target (the connection pool size).", DefaultValueFactory = _ => 64 };
        var maxInFlight = new Option<int>("--max-in-flight")
        {
            Description = "Cap on outstanding requests; when reached, sends wait, and the wait counts in the latency.",
            DefaultValueFactory = _ => 20_000,
        };
        var timeout = Duration("--timeout", "A request unanswered after this is an error of kind 'timeout'.", TimeSpan.FromSeconds(30));
        var target = new Option<Uri>("--target")
        {
            Description = "The running platform's gateway.",
            DefaultValueFactory = _ => new Uri("http://127.0.0.1:8080"),
            CustomParser = result => Uri.TryCreate(result.Tokens[0].Value, UriKind.Absolute, out var uri) ? uri : Fail<Uri>(result, "--target must be an absolute URL."),
        };
        var findMax = new Option<bool>("--find-max") { Description = "Step the rate up from --rate and report the highest rate whose P99 stays under --p99-bound with no errors." };
        var bound = Duration("--p99-bound", "The P99 bound for --find-max.", TimeSpan.FromMilliseconds(200));
        var users = new Option<int>("--users") { Description = "Users registered before the clock starts (mix, checkout); load spreads over all of them.", DefaultValueFactory = _ => 100 };
        var products = new Option<int>("--products") { Description = "Products taken from the listing before the clock starts.", DefaultValueFactory = _ => 500 };
        var noCache = new Option<bool>("--no-cache")
        {
            Description = "Send Cache-Control: no-cache, so the gateway's cache answers nothing and every request reaches its service.",
        };
        var output_ = new Option<string?>("--out") { Description = "Output folder (default bench-results/<scenario>-<timestamp>/)." };

        var bench = new Command("bench", "Open-loop load generator: constant arrival rate, latency from the intended send time (no coordinated omission).")
        {
            scenario, rate, duration, warmup, connections, maxInFlight, timeout, target, findMax, bound, users, products, noCache, output_,
        };
        AtLeast(rate, 0.001, "--rate must be above 0.");
        AtLeast(duration, TimeSpan.FromMilliseconds(1), "--duration must be above 0.");
        AtLeast(connections, 1, "--connections must be at least 1.");
        AtLeast(maxInFlight, 1, "--max-in-flight must be at least 1.");
        AtLeast(users, 1, "--users must be at least 1.");
        AtLeast(products, 1, "--products must be at least 1.");
        bench.SetAction((parse, cancellationToken) =>
        {
            var settings = new BenchSettings(
                parse.GetValue(scenario)!, parse.GetValue(target)!, parse.GetValue(rate), parse.GetValue(duration), parse.GetValue(warmup),
                parse.GetValue(connections), parse.GetValue(maxInFlight), parse.GetValue(timeout), parse.GetValue(findMax),
                parse.GetValue(bound).TotalMilliseconds, parse.GetValue(users), parse.GetValue(products), parse.GetValue(output_), parse.GetValue(noCache));
            return new BenchSession(clock, output, progress).RunAsync(settings, cancellationToken);
        });

        var root = new RootCommand("bazaar: tools for the Bazaar platform.") { bench };
        foreach (var command in ControlCommands.Create(clock, output, progress))
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    private static Option<TimeSpan> Duration(string name, string description, TimeSpan defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => DurationParser.TryParse(result.Tokens[0].Value, out var value) ? value : Fail<TimeSpan>(result, $"{name} takes a duration like 30s, 500ms or 2m."),
    };

    /// <summary>Checked only when the option is given; the defaults are valid.</summary>
    private static void AtLeast<T>(Option<T> option, T minimum, string message) where T : IComparable<T> =>
        option.Validators.Add(result =>
        {
            try
            {
                if (result.GetValueOrDefault<T>().CompareTo(minimum) < 0) result.AddError(message);
            }
            catch (InvalidOperationException)
            {
                // The value did not parse; that error is reported already.
            }
        });

    private static T Fail<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }
}
