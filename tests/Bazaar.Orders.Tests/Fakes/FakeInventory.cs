using Bazaar.Orders.Downstream;

namespace Bazaar.Orders.Tests.Fakes;

/// <summary>Stock that behaves like the product-service's: all lines or none, idempotent by
/// reservation id.</summary>
internal sealed class FakeInventory : IInventory
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _onHand = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, (IReadOnlyList<ReservationLine> Lines, string State)> _reservations = [];

    public void Stock(string sku, int onHand)
    {
        lock (_lock) _onHand[sku] = onHand;
    }

    /// <summary>Reserved, Committed, Released, or null when never reserved.</summary>
    public string? StateOf(Guid reservationId)
    {
        lock (_lock) return _reservations.TryGetValue(reservationId, out var reservation) ? reservation.State : null;
    }

    public int Available(string sku)
    {
        lock (_lock) return AvailableLocked(sku);
    }

    public Task<ReservationOutcome> ReserveAsync(Guid reservationId, IReadOnlyList<ReservationLine> lines, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_reservations.ContainsKey(reservationId)) return Task.FromResult(new ReservationOutcome(ReservationStatus.Reserved, null));
            var unknown = lines.Where(l => !_onHand.ContainsKey(l.Sku)).Select(l => l.Sku).ToList();
            if (unknown.Count > 0) return Task.FromResult(new ReservationOutcome(ReservationStatus.UnknownSku, "Unknown: " + string.Join(", ", unknown)));
            var shortSkus = lines.Where(l => AvailableLocked(l.Sku) < l.Quantity).Select(l => l.Sku).ToList();
            if (shortSkus.Count > 0) return Task.FromResult(new ReservationOutcome(ReservationStatus.InsufficientStock, "Not enough stock of " + string.Join(", ", shortSkus)));
            _reservations[reservationId] = (lines, "Reserved");
            return Task.FromResult(new ReservationOutcome(ReservationStatus.Reserved, null));
        }
    }

    public Task CommitAsync(Guid reservationId, CancellationToken cancellationToken) => Settle(reservationId, "Committed");

    public Task ReleaseAsync(Guid reservationId, CancellationToken cancellationToken) => Settle(reservationId, "Released");

    private Task Settle(Guid reservationId, string state)
    {
        lock (_lock)
        {
            if (_reservations.TryGetValue(reservationId, out var reservation))
            {
                if (state == "Committed") foreach (var line in reservation.Lines) _onHand[line.Sku] -= line.Quantity;
                _reservations[reservationId] = (reservation.Lines, state);
            }
        }
        return Task.CompletedTask;
    }

    private int AvailableLocked(string sku) =>
        _onHand[sku] - _reservations.Values.Where(r => r.State == "Reserved").SelectMany(r => r.Lines).Where(l => l.Sku == sku).Sum(l => l.Quantity);
}
