using System.Data.Common;
using Bazaar.Messaging.Envelope;
using Bazaar.Messaging.Inbox;

namespace Bazaar.Recommendations.Purchases;

/// <summary>Learns from the <c>orders</c> stream what is bought together: every paid order counts
/// once. Other order events are not purchase signals (yet) and are passed over.</summary>
internal sealed class OrderPaidHandler(PurchaseRecorder recorder, TimeProvider time) : IEventHandler
{
    public const string Group = "recommendation-service";

    public async Task HandleAsync(CloudEvent envelope, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (envelope.Type != OrderPaid.Type)
        {
            return;
        }
        var order = OrderPaid.Read(envelope);
        await recorder.RecordAsync(connection, transaction, order.UserId, [.. order.Lines!.Select(line => line.Sku!)], OrderPaid.PaidAtOf(order, envelope, time.GetUtcNow()), cancellationToken);
    }
}
