using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Payments.Charges;
using Bazaar.Payments.OrderPayments;
using Bazaar.Payments.Queries;
using Bazaar.Payments.Refunds;

namespace Bazaar.Payments;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ChargeRequest))]
[JsonSerializable(typeof(PaymentResponse))]
[JsonSerializable(typeof(IReadOnlyList<PaymentResponse>))]
[JsonSerializable(typeof(ChargeFingerprint))]
[JsonSerializable(typeof(RefundRequest))]
[JsonSerializable(typeof(RefundResponse))]
[JsonSerializable(typeof(RefundFingerprint))]
[JsonSerializable(typeof(PaymentDetail))]
[JsonSerializable(typeof(IReadOnlyList<PaymentSummary>))]
[JsonSerializable(typeof(OrderClosedResponse))]
[JsonSerializable(typeof(OrderPaymentStatus))]
internal sealed partial class PaymentsJson : JsonSerializerContext;
