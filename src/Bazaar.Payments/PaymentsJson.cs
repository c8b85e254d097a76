using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Payments.Charges;

namespace Bazaar.Payments;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ChargeRequest))]
[JsonSerializable(typeof(PaymentResponse))]
[JsonSerializable(typeof(IReadOnlyList<PaymentResponse>))]
[JsonSerializable(typeof(ChargeFingerprint))]
internal sealed partial class PaymentsJson : JsonSerializerContext;
