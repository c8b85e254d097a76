namespace Bazaar.Orders.Saga;

/// <summary>What the checkout saga of an order does next. The first three move the order
/// forward; the next three undo what was done once the order is given up; the last two refund
/// and restock goods returned after delivery (the saga is reopened for each return). Each calls
/// an idempotent endpoint of another service, so running a step twice is harmless.</summary>
internal enum SagaStep
{
    /// <summary>Hold the order's stock in the product-service.</summary>
    ReserveStock,
    /// <summary>Take the payment (with the customer's card, only while they wait) or find out
    /// what became of it.</summary>
    TakePayment,
    /// <summary>The payment is captured: the held stock leaves the warehouse.</summary>
    CommitStock,
    /// <summary>The order is given up: no charge may land any more, and a capture is refunded.</summary>
    ClosePayment,
    /// <summary>The held stock is for sale again.</summary>
    ReleaseStock,
    /// <summary>The stock was already committed: the goods go back on hand.</summary>
    ReturnStock,
    /// <summary>Goods came back after delivery (the saga's return): their price is refunded.</summary>
    RefundReturn,
    /// <summary>The refunded goods are back on hand; then the return is completed.</summary>
    RestockReturn,
    Done,
}
