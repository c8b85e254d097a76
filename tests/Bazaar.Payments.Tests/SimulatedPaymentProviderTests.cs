using Bazaar.Payments.Provider;
using Bazaar.Platform.Money;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bazaar.Payments.Tests;

public sealed class SimulatedPaymentProviderTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly SimulatedPaymentProvider _provider;

    public SimulatedPaymentProviderTests() =>
        _provider = new SimulatedPaymentProvider(Options.Create(new SimulatedProviderOptions { SlowCardDelay = TimeSpan.FromSeconds(3) }), _clock);

    private static CardCharge Charge(string number) => new(Guid.NewGuid(), new Money(10m, "USD"), number, 12, 2099, "123");

    [Fact]
    public async Task The_slow_card_answers_only_after_the_configured_delay()
    {
        var authorising = _provider.AuthoriseAsync(Charge(TestCards.SucceedsSlowly), TestContext.Current.CancellationToken);
        _clock.Advance(TimeSpan.FromSeconds(2.9));
        Assert.False(authorising.IsCompleted);

        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Assert.Equal(AuthorisationOutcome.Approved, (await authorising).Outcome);
    }

    [Fact]
    public async Task The_slow_card_stops_waiting_when_the_caller_cancels()
    {
        using var cancellation = new CancellationTokenSource();
        var authorising = _provider.AuthoriseAsync(Charge(TestCards.SucceedsSlowly), cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => authorising);
    }

    [Theory]
    [InlineData(TestCards.Succeeds, "Approved", null)]
    [InlineData(TestCards.Declined, "Declined", "card_declined")]
    [InlineData(TestCards.InsufficientFunds, "Declined", "insufficient_funds")]
    [InlineData("4111111111111111", "UnknownCard", null)]
    public async Task Test_cards(string number, string outcome, string? declineCode)
    {
        var authorisation = await _provider.AuthoriseAsync(Charge(number), TestContext.Current.CancellationToken);
        Assert.Equal(outcome, authorisation.Outcome.ToString());
        Assert.Equal(declineCode, authorisation.DeclineCode);
    }

    [Fact]
    public async Task A_refund_gets_a_reference_that_names_the_refund()
    {
        var refundId = Guid.NewGuid();

        var reference = await _provider.RefundAsync("sim_capt_x", refundId, new Money(5m, "USD"), TestContext.Current.CancellationToken);

        Assert.Equal($"sim_refund_{refundId:N}", reference);
    }

    [Fact]
    public async Task A_refund_sent_again_gets_the_same_reference()
    {
        var refundId = Guid.NewGuid();

        var first = await _provider.RefundAsync("sim_capt_x", refundId, new Money(5m, "USD"), TestContext.Current.CancellationToken);
        var again = await _provider.RefundAsync("sim_capt_x", refundId, new Money(5m, "USD"), TestContext.Current.CancellationToken);

        Assert.Equal(first, again);
    }

    [Fact]
    public async Task A_payment_it_never_saw_is_not_found()
    {
        var lookup = await _provider.FindAuthorisationAsync(Guid.NewGuid(), TestContext.Current.CancellationToken);

        Assert.Equal(LookupResult.NotFound, lookup.Result);
    }

    [Fact]
    public async Task An_authorisation_is_found_with_its_answer_and_authorising_again_answers_the_same()
    {
        var ct = TestContext.Current.CancellationToken;
        var charge = Charge(TestCards.Succeeds);
        var authorisation = await _provider.AuthoriseAsync(charge, ct);

        var lookup = await _provider.FindAuthorisationAsync(charge.PaymentId, ct);
        var again = await _provider.AuthoriseAsync(charge, ct);

        Assert.Equal(LookupResult.Found, lookup.Result);
        Assert.Equal(authorisation, lookup.Authorisation);
        Assert.Equal(authorisation, again);
    }

    [Fact]
    public async Task An_authorisation_still_deciding_is_in_progress_and_a_cancelled_one_never_happened()
    {
        var ct = TestContext.Current.CancellationToken;
        var charge = Charge(TestCards.SucceedsSlowly);
        using var cancellation = new CancellationTokenSource();
        var authorising = _provider.AuthoriseAsync(charge, cancellation.Token);

        Assert.Equal(LookupResult.InProgress, (await _provider.FindAuthorisationAsync(charge.PaymentId, ct)).Result);

        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => authorising);
        Assert.Equal(LookupResult.NotFound, (await _provider.FindAuthorisationAsync(charge.PaymentId, ct)).Result);
    }

    [Fact]
    public async Task Capturing_an_authorisation_again_is_the_same_capture()
    {
        var ct = TestContext.Current.CancellationToken;

        var first = await _provider.CaptureAsync("sim_auth_x", new Money(5m, "USD"), ct);
        var again = await _provider.CaptureAsync("sim_auth_x", new Money(5m, "USD"), ct);

        Assert.Equal(first, again);
    }
}
