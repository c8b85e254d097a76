using Bazaar.Orders.Downstream;

namespace Bazaar.Orders.Tests.Fakes;

/// <summary>Stock that behaves like the product-service's: all lines or none, idempotent by
/// reservation id, a release before the reserve leaves a tombstone, a commit after the hold ran
/// out is refused, and committed goods can be returned once per return id.</summary>
internal sealed class FakeInventory : IInventory
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _onHand = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, (IReadOnlyList<ReservationLine> Lines, string State)> _reservations = [];
    private readonly HashSet<Guid> _returns = [];

    /// <summary>While set, only commits fail to reach product-service, so a test can make the
    /// saga's commit step fail from before the order exists, leaving no window for it to pass.</summary>
    public bool CommitsUnreachable { get; set; }

    public TimeSpan? LastHold { get; private set; }

    public void Stock(string sku, int onHand)
    {
        lock (_lock) _onHand[sku] = onHand;
    }

    /// <summary>Reserved, Committed, Released, or null when never reserved.</summary>
    public string? StateOf(Guid reservationId)
    {
        lock (_lock) return _reservations.TryGetValue(reservationId, out var reservation) ? reservation.State : null;
    }

    public bool WasReturned(Guid returnId)
    {
        lock (_lock) return _returns.Contains(returnId);
    }

    public int Available(string sku)
    {
        lock (_lock) return AvailableLocked(sku);
    }

    /// <summary>The hold runs out, as the product-service's sweeper would release it.</summary>
    public void Expire(Guid reservationId)
    {
        lock (_lock) _reservations[reservationId] = (_reservations[reservationId].Lines, "Released");
    }

    public Task<ReservationOutcome> ReserveAsync(Guid reservationId, IReadOnlyList<ReservationLine> lines, TimeSpan holdFor, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            LastHold = holdFor;
            if (_reservations.TryGetValue(reservationId, out var existing))
            {
                return Task.FromResult(new ReservationOutcome(existing.State == "Released" ? ReservationStatus.Released : ReservationStatus.Reserved, null));
            }
            var unknown = lines.Where(l => !_onHand.ContainsKey(l.Sku)).Select(l => l.Sku).ToList();
            if (unknown.Count > 0) return Task.FromResult(new ReservationOutcome(ReservationStatus.UnknownSku, "Unknown: " + string.Join(", ", unknown)));
            var shortSkus = lines.Where(l => AvailableLocked(l.Sku) < l.Quantity).Select(l => l.Sku).ToList();
            if (shortSkus.Count > 0) return Task.FromResult(new ReservationOutcome(ReservationStatus.InsufficientStock, "Not enough stock of " + string.Join(", ", shortSkus)));
            _reservations[reservationId] = (lines, "Reserved");
            return Task.FromResult(new ReservationOutcome(ReservationStatus.Reserved, null));
        }
    }

    public Task<SettleStatus> CommitAsync(Guid reservationId, CancellationToken cancellationToken)
    {
        if (CommitsUnreachable) throw new DownstreamUnavailableException(ProductCatalogClient.Service);
        lock (_lock)
        {
            if (!_reservations.TryGetValue(reservationId, out var reservation)) return Task.FromResult(SettleStatus.NotFound);
            if (reservation.State == "Released") return Task.FromResult(SettleStatus.Refused);
            if (reservation.State == "Reserved")
            {
                foreach (var line in reservation.Lines) _onHand[line.Sku] -= line.Quantity;
                _reservations[reservationId] = (reservation.Lines, "Committed");
            }
            return Task.FromResult(SettleStatus.Done);
        }
    }

    public Task<SettleStatus> ReleaseAsync(Guid reservationId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_reservations.TryGetValue(reservationId, out var reservation))
            {
                _reservations[reservationId] = ([], "Released"); // the tombstone
                return Task.FromResult(SettleStatus.Done);
            }
            if (reservation.State == "Committed") return Task.FromResult(SettleStatus.Refused);
            _reservations[reservationId] = (reservation.Lines, "Released");
            return Task.FromResult(SettleStatus.Done);
        }
    }

    public Task<SettleStatus> ReturnAsync(Guid returnId, Guid reservationId, IReadOnlyList<ReservationLine> lines, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_reservations.TryGetValue(reservationId, out var reservation)) return Task.FromResult(SettleStatus.NotFound);
            if (reservation.State != "Committed") return Task.FromResult(SettleStatus.Refused);
            if (_returns.Add(returnId)) foreach (var line in lines) _onHand[line.Sku] += line.Quantity;
            return Task.FromResult(SettleStatus.Done);
        }
    }

    private int AvailableLocked(string sku) =>
        _onHand[sku] - _reservations.Values.Where(r => r.State == "Reserved").SelectMany(r => r.Lines).Where(l => l.Sku == sku).Sum(l => l.Quantity);
}
