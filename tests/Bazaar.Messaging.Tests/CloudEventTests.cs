using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bazaar.Messaging.Envelope;

namespace Bazaar.Messaging.Tests;

public sealed class CloudEventTests
{
    [Fact]
    public void Create_fills_the_cloudevents_attributes()
    {
        var envelope = Events.Placed("order-1", 12.5m);

        Assert.Equal(7, Guid.Parse(envelope.Id).Version);
        Assert.Equal("/order-service", envelope.Source);
        Assert.Equal("bazaar.orders.order-placed.v1", envelope.Type);
        Assert.Equal("1.0", envelope.SpecVersion);
        Assert.Equal(Events.Clock.GetUtcNow(), envelope.Time);
        Assert.Equal("order-1", envelope.Subject);
        Assert.Equal("application/json", envelope.DataContentType);
        Assert.Equal(12.5m, envelope.Total());
    }

    [Fact]
    public void Round_trip_keeps_every_attribute_and_the_data()
    {
        var envelope = Events.Placed("order-1", 99.99m) with { TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" };

        var back = CloudEvent.Parse(envelope.ToJson());

        Assert.Equal(envelope.Id, back.Id);
        Assert.Equal(envelope.Source, back.Source);
        Assert.Equal(envelope.Type, back.Type);
        Assert.Equal(envelope.SpecVersion, back.SpecVersion);
        Assert.Equal(envelope.Time, back.Time);
        Assert.Equal(envelope.Subject, back.Subject);
        Assert.Equal(envelope.DataContentType, back.DataContentType);
        Assert.Equal(envelope.TraceParent, back.TraceParent);
        Assert.Equal(99.99m, back.Total());
    }

    [Fact]
    public void Json_uses_the_cloudevents_attribute_names()
    {
        var json = JsonNode.Parse(Events.Placed("order-1").ToJson())!.AsObject();

        foreach (var name in new[] { "id", "source", "type", "specversion", "time", "subject", "datacontenttype", "data" })
        {
            Assert.True(json.ContainsKey(name), name);
        }

        Assert.False(json.ContainsKey("traceparent"));
    }

    [Theory]
    [InlineData("id")]
    [InlineData("source")]
    [InlineData("type")]
    [InlineData("specversion")]
    [InlineData("time")]
    [InlineData("subject")]
    public void Parse_refuses_an_envelope_without_a_required_attribute(string attribute)
    {
        var json = JsonNode.Parse(Events.Placed("order-1").ToJson())!.AsObject();
        json.Remove(attribute);

        Assert.ThrowsAny<JsonException>(() => CloudEvent.Parse(json.ToJsonString()));
    }

    [Fact]
    public void Parse_refuses_another_spec_version()
    {
        var json = JsonNode.Parse(Events.Placed("order-1").ToJson())!.AsObject();
        json["specversion"] = "0.3";

        Assert.Throws<JsonException>(() => CloudEvent.Parse(json.ToJsonString()));
    }

    [Fact]
    public void Create_takes_the_trace_context_of_the_current_activity()
    {
        using var activity = new Activity("checkout").SetIdFormat(ActivityIdFormat.W3C).Start();

        var envelope = Events.Placed("order-1");

        Assert.Equal(activity.Id, envelope.TraceParent);
        Assert.StartsWith("00-" + activity.TraceId, envelope.TraceParent, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_without_an_activity_has_no_trace_context()
    {
        Activity.Current = null;

        Assert.Null(Events.Placed("order-1").TraceParent);
    }
}
