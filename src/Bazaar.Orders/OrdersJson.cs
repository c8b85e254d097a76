using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Orders.Checkout;
using Bazaar.Orders.Downstream;
using Bazaar.Orders.Events;
using Bazaar.Orders.Fulfilment;
using Bazaar.Orders.Orders;
using Bazaar.Orders.Returns;
using Bazaar.Orders.Tracking;

namespace Bazaar.Orders;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CheckoutRequest))]
[JsonSerializable(typeof(CheckoutFingerprint))]
[JsonSerializable(typeof(OrderResponse))]
[JsonSerializable(typeof(OrderPageResponse))]
[JsonSerializable(typeof(TrackingResponse))]
[JsonSerializable(typeof(AdminOrderPageResponse))]
[JsonSerializable(typeof(ShipmentEventRequest))]
[JsonSerializable(typeof(CartView))]
[JsonSerializable(typeof(QuoteRequest))]
[JsonSerializable(typeof(QuoteResponse))]
[JsonSerializable(typeof(ReservationRequest))]
[JsonSerializable(typeof(ReservationReply))]
[JsonSerializable(typeof(PaymentRequest))]
[JsonSerializable(typeof(PaymentReply))]
[JsonSerializable(typeof(StockReturnRequest))]
[JsonSerializable(typeof(OrderPaymentReply))]
[JsonSerializable(typeof(PaymentClosureReply))]
[JsonSerializable(typeof(DownstreamProblem))]
[JsonSerializable(typeof(OrderPaidEvent))]
[JsonSerializable(typeof(OrderCancelledEvent))]
[JsonSerializable(typeof(OrderMovedEvent))]
[JsonSerializable(typeof(OrderReturnedEvent))]
[JsonSerializable(typeof(ReturnRequest))]
[JsonSerializable(typeof(ReturnResponse))]
[JsonSerializable(typeof(ReturnFingerprint))]
[JsonSerializable(typeof(PaymentRefundRequest))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class OrdersJson : JsonSerializerContext;
