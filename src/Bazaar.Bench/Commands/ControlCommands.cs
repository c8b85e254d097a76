using System.CommandLine;
using System.Globalization;
using Bazaar.Bench.Control;

namespace Bazaar.Bench.Commands;

/// <summary><c>bazaar status | scale | rollout | promote | abort | rollback</c>: the running Host's
/// control API from the command line, as kubectl and Argo Rollouts' plugin offer it.</summary>
internal static class ControlCommands
{
    public static IEnumerable<Command> Create(TimeProvider clock, TextWriter output, TextWriter error)
    {
        var host = new HostCommand(error);
        yield return host.With(new Command("status", "What each deployment runs, its latest rollout, and the autoscalers' latest decisions."),
            async (_, client, cancellationToken) =>
            {
                var deployments = await client.DeploymentsAsync(cancellationToken);
                var autoscalers = await client.AutoscalersAsync(cancellationToken);
                await output.WriteAsync(StatusPrinter.Render(deployments, autoscalers));
                return 0;
            });
        yield return Scale(host, output);
        yield return RolloutCommand.Create(host, clock, output);
        yield return Verb(host, output, "promote", "Skips the canary analysis left: the new revision takes all traffic now.", "rollout/promote", StatusPrinter.Promoting);
        yield return Verb(host, output, "abort", "Gives the rollout under way up: all traffic back to the current revision.", "rollout/abort", StatusPrinter.Aborting);
        yield return Rollback(host, output);
    }

    private static Command Scale(HostCommand host, TextWriter output)
    {
        var deployment = Deployment();
        var replicas = new Argument<int>("replicas")
        {
            Description = "How many replicas to run (0 to 64).",
            CustomParser = result => int.TryParse(result.Tokens[0].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                ? count
                : HostCommand.Fail<int>(result, $"replicas must be a whole number, 0 or more (got '{result.Tokens[0].Value}')."),
        };
        return host.With(new Command("scale", "Sets a deployment's replica count (an autoscaler brings it back within its range).") { deployment, replicas },
            async (parse, client, cancellationToken) =>
            {
                var scaled = await client.ScaleAsync(parse.GetValue(deployment)!, parse.GetValue(replicas), cancellationToken);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{scaled.Deployment} scaled to {scaled.Replicas} replicas"));
                return 0;
            });
    }

    private static Command Verb(HostCommand host, TextWriter output, string name, string description, string verb, Func<RolloutView, string> describe)
    {
        var deployment = Deployment();
        return host.With(new Command(name, description) { deployment }, async (parse, client, cancellationToken) =>
        {
            await output.WriteLineAsync(describe(await client.ActAsync(parse.GetValue(deployment)!, verb, cancellationToken)));
            return 0;
        });
    }

    private static Command Rollback(HostCommand host, TextWriter output)
    {
        var deployment = Deployment();
        return host.With(new Command("rollback", "Aborts the rollout under way, or else rolls the previous revision out again.") { deployment },
            async (parse, client, cancellationToken) =>
            {
                var name = parse.GetValue(deployment)!;
                // Only to word the answer: the Host decides between aborting and rolling back.
                var underWay = (await client.RolloutsAsync(cancellationToken))
                    .FirstOrDefault(view => view.Deployment == name && view.Phase == RolloutView.Progressing);
                var rollout = await client.ActAsync(name, "rollback", cancellationToken);
                await output.WriteLineAsync(rollout.ToRevision == underWay?.ToRevision ? StatusPrinter.Aborting(rollout) : StatusPrinter.Started(rollout));
                return 0;
            });
    }

    public static Argument<string> Deployment() => new("deployment") { Description = "The deployment's name, e.g. product-service." };
}
