using Bazaar.Platform.Payments;
using Xunit;

namespace Bazaar.Platform.Tests;

public sealed class PaymentCardTests
{
    [Theory]
    [InlineData("4242424242424242", true)]
    [InlineData("4000000000000002", true)]
    [InlineData("5555555555554444", true)]
    [InlineData("4242424242424241", false)]
    [InlineData("1234567812345678", false)]
    public void Luhn(string number, bool valid) => Assert.Equal(valid, PaymentCard.PassesLuhn(number));

    [Theory]
    [InlineData(6, 2030, false)] // the current month is still good
    [InlineData(7, 2030, false)]
    [InlineData(5, 2030, true)]
    [InlineData(12, 2029, true)]
    [InlineData(1, 2031, false)]
    public void A_card_expires_after_its_expiry_month(int month, int year, bool expired) =>
        Assert.Equal(expired, PaymentCard.HasExpired(month, year, new DateTimeOffset(2030, 6, 30, 23, 0, 0, TimeSpan.Zero)));
}
