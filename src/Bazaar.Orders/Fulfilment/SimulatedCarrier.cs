using System.Data.Common;
using Bazaar.Orders.Domain;
using Bazaar.Orders.Tracking;
using Microsoft.Extensions.Options;

namespace Bazaar.Orders.Fulfilment;

/// <summary>A pretend carrier: every step interval, moves each shipment of a Fulfilling or Shipped
/// order one step along PickedUp, InTransit, OutForDelivery, Delivered, through the same
/// <see cref="FulfilmentService"/> as the admins. A shipment in Exception waits for an admin.
/// Every replica may run one: a step that another writer took first is refused, not repeated.</summary>
internal sealed partial class SimulatedCarrier(
    ShipmentRepository shipments, FulfilmentService fulfilment, IOptions<SimulatedCarrierOptions> options, TimeProvider clock,
    ILogger<SimulatedCarrier> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(options.Value.StepInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await AdvanceOnceAsync(stoppingToken);
            }
            catch (DbException exception)
            {
                // The next tick tries again.
                LogStepFailed(logger, exception);
            }
        }
    }

    /// <summary>Moves every shipment in flight one step; returns how many moved.</summary>
    public async Task<int> AdvanceOnceAsync(CancellationToken cancellationToken)
    {
        var moved = 0;
        foreach (var shipment in await shipments.InFlightAsync(options.Value.BatchSize, cancellationToken))
        {
            if (NextStep(shipment.ShipmentStatus) is not { } next) continue;
            var result = await fulfilment.RecordEventAsync(shipment.OrderId, next, note: null, cancellationToken);
            if (result.Outcome == FulfilmentOutcome.Done) moved++;
            else LogStepRefused(logger, shipment.OrderId, next, result.Detail);
        }
        return moved;
    }

    private static string? NextStep(string shipmentStatus) => shipmentStatus switch
    {
        Shipment.LabelCreated => ShipmentEventKind.PickedUp,
        ShipmentEventKind.PickedUp => ShipmentEventKind.InTransit,
        ShipmentEventKind.InTransit => ShipmentEventKind.OutForDelivery,
        ShipmentEventKind.OutForDelivery => ShipmentEventKind.Delivered,
        _ => null,
    };

    [LoggerMessage(LogLevel.Warning, "The simulated carrier could not take a step")]
    private static partial void LogStepFailed(ILogger logger, Exception exception);

    [LoggerMessage(LogLevel.Information, "The simulated carrier's {Step} for order {OrderId} was refused: {Detail}")]
    private static partial void LogStepRefused(ILogger logger, Guid orderId, string step, string? detail);
}
