namespace Bazaar.Platform.Governance.Calls;

/// <summary>Every first attempt deposits a fraction of a retry; every retry withdraws one. Time
/// adds a small reserve so a quiet service can still retry. The balance starts full and is capped
/// at ten seconds' worth of reserve, so an outage can be met by at most that burst plus the fraction.</summary>
internal sealed class RetryBudget(TimeProvider time)
{
    private static readonly TimeSpan ReserveWindow = TimeSpan.FromSeconds(10);
    private readonly Lock _lock = new();
    private double _balance = double.NaN; // full, once the policy says how full that is
    private long _lastRefill = time.GetTimestamp();

    public long Denied { get; private set; }

    public double Balance
    {
        get
        {
            lock (_lock)
            {
                return double.IsNaN(_balance) ? 0 : _balance;
            }
        }
    }

    public void Deposit(double budgetPercent, double minPerSecond)
    {
        lock (_lock)
        {
            var capacity = Capacity(minPerSecond);
            _balance = double.IsNaN(_balance) ? capacity : Math.Min(capacity, _balance + budgetPercent / 100);
        }
    }

    public bool TryWithdraw(double minPerSecond)
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            var elapsed = time.GetElapsedTime(_lastRefill, now);
            _lastRefill = now;
            _balance = Math.Min(Capacity(minPerSecond), _balance + minPerSecond * elapsed.TotalSeconds);
            if (_balance >= 1)
            {
                _balance -= 1;
                return true;
            }
            Denied++;
            return false;
        }
    }

    private static double Capacity(double minPerSecond) => Math.Max(1, minPerSecond * ReserveWindow.TotalSeconds);
}
