using Bazaar.Platform.Idempotency;
using Bazaar.Platform.Money;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Bazaar.Platform.Tests;

public sealed class MoneyAndIdempotencyTests
{
    [Fact]
    public void Money_adds_and_multiplies_in_one_currency()
    {
        var total = new Money.Money(19.99m, "USD") * 3 + new Money.Money(0.03m, "USD");
        Assert.Equal(new Money.Money(60.00m, "USD"), total);
    }

    [Fact]
    public void Money_refuses_to_mix_currencies() =>
        Assert.Throws<InvalidOperationException>(() => new Money.Money(1m, "USD") + new Money.Money(1m, "EUR"));

    [Theory]
    [InlineData("USD", true)]
    [InlineData("usd", false)]
    [InlineData("US", false)]
    [InlineData(null, false)]
    public void Currency_codes_are_three_capitals(string? code, bool valid) => Assert.Equal(valid, Money.Money.IsCurrencyCode(code));

    [Theory]
    [InlineData("12.34", true)]
    [InlineData("12", true)]
    [InlineData("12.345", false)]
    [InlineData("0.001", false)]
    public void Amounts_are_whole_cents_or_not(string amount, bool whole) =>
        Assert.Equal(whole, Money.Money.IsInMinorUnits(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Rounding_is_half_away_from_zero_to_cents() =>
        Assert.Equal(1.01m, new Money.Money(1.005m, "USD").Rounded().Amount);

    [Theory]
    [InlineData("order-7f3c", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    public void Idempotency_keys_are_printable_ascii(string key, bool valid)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[IdempotencyKey.Header] = key;
        Assert.Equal(valid, IdempotencyKey.TryRead(context.Request, out var read, out var problem));
        Assert.Equal(valid, problem is null);
        if (valid) Assert.Equal(key, read);
    }

    [Fact]
    public void A_missing_idempotency_key_is_a_400_problem()
    {
        Assert.False(IdempotencyKey.TryRead(new DefaultHttpContext().Request, out _, out var problem));
        Assert.Equal(400, problem!.StatusCode);
        Assert.Equal("urn:bazaar:problem:idempotency-key-required", problem.ProblemDetails.Type);
    }
}
