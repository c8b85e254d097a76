using System.Collections.Concurrent;
using Bazaar.Payments.Provider;
using Bazaar.Platform.Money;

namespace Bazaar.Payments.Tests;

/// <summary>The simulated provider, with failures on demand and a record of what it was asked.</summary>
internal sealed class ScriptedProvider(SimulatedPaymentProvider inner) : IPaymentProvider
{
    private int _refundFailures;
    private int _lostAuthorisationAnswers;
    private int _unreachedAuthorisations;
    private int _authorisations;
    private HeldAuthorisation? _nextHeld;
    private readonly ConcurrentDictionary<Guid, HeldAuthorisation> _held = new();

    /// <summary>Every refund id the provider was sent, in order (a resend appears again).</summary>
    public ConcurrentQueue<Guid> RefundsSent { get; } = new();

    public int Authorisations => Volatile.Read(ref _authorisations);

    /// <summary>The next <paramref name="count"/> refunds fail before the provider acts.</summary>
    public void FailRefunds(int count) => Volatile.Write(ref _refundFailures, count);

    /// <summary>The next authorisation is decided by the provider but its answer never arrives.</summary>
    public void LoseNextAuthorisationAnswer() => Volatile.Write(ref _lostAuthorisationAnswers, 1);

    /// <summary>The next authorisation never reaches the provider (the connection fails first).</summary>
    public void FailNextAuthorisationBeforeItArrives() => Volatile.Write(ref _unreachedAuthorisations, 1);

    /// <summary>The next authorisation waits until the test releases it, whatever our deadline says
    /// (a slow provider, or a process paused). <paramref name="reachedProvider"/>: while held, the
    /// provider says it is deciding; otherwise it says it never heard of the payment, which is what
    /// another replica's provider says of every charge of this one.</summary>
    public HeldAuthorisation HoldNextAuthorisation(bool reachedProvider)
    {
        var held = new HeldAuthorisation(reachedProvider);
        Volatile.Write(ref _nextHeld, held);
        return held;
    }

    public async Task<Authorisation> AuthoriseAsync(CardCharge charge, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _authorisations);
        if (Interlocked.Exchange(ref _nextHeld, null) is { } held)
        {
            _held[charge.PaymentId] = held;
            await held.WaitAsync();
            _held.TryRemove(charge.PaymentId, out _);
        }
        if (Interlocked.Exchange(ref _unreachedAuthorisations, 0) == 1) throw new HttpRequestException("connection refused (scripted)");
        var authorisation = await inner.AuthoriseAsync(charge, cancellationToken);
        if (Interlocked.Decrement(ref _lostAuthorisationAnswers) >= 0) throw new HttpRequestException("connection reset (scripted)");
        Interlocked.Exchange(ref _lostAuthorisationAnswers, 0);
        return authorisation;
    }

    public Task<AuthorisationLookup> FindAuthorisationAsync(Guid paymentId, CancellationToken cancellationToken) =>
        _held.TryGetValue(paymentId, out var held) && held.ReachedProvider
            ? Task.FromResult(AuthorisationLookup.InProgress)
            : inner.FindAuthorisationAsync(paymentId, cancellationToken);

    public Task<string> CaptureAsync(string authorisationReference, Money amount, CancellationToken cancellationToken) =>
        inner.CaptureAsync(authorisationReference, amount, cancellationToken);

    public Task<string> RefundAsync(string captureReference, Guid refundId, Money amount, CancellationToken cancellationToken)
    {
        RefundsSent.Enqueue(refundId);
        if (Interlocked.Decrement(ref _refundFailures) >= 0) throw new HttpRequestException("provider unreachable (scripted)");
        Interlocked.Exchange(ref _refundFailures, 0);
        return inner.RefundAsync(captureReference, refundId, amount, cancellationToken);
    }
}

/// <summary>An authorisation the test holds: <see cref="Entered"/> completes once the charge is at
/// the provider (its payment claimed), <see cref="Release"/> lets the provider answer.</summary>
internal sealed class HeldAuthorisation(bool reachedProvider)
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool ReachedProvider => reachedProvider;

    public Task Entered => _entered.Task;

    public void Release() => _released.TrySetResult();

    internal Task WaitAsync()
    {
        _entered.TrySetResult();
        return _released.Task;
    }
}
