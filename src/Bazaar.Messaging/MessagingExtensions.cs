using System.Diagnostics.CodeAnalysis;
using Bazaar.Messaging.DeadLetters;
using Bazaar.Messaging.Envelope;
using Bazaar.Messaging.Inbox;
using Bazaar.Messaging.Outbox;
using Bazaar.Messaging.Transport;
using Bazaar.Platform;
using Bazaar.Platform.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bazaar.Messaging;

/// <summary>Entry points that wire messaging into a service.</summary>
public static class MessagingExtensions
{
    /// <summary>The embedded transport (<c>Messaging:Sqlite:Path</c>, default
    /// <c>&lt;Bazaar:DataDir&gt;/events.db</c>), the outbox relay, the dead-letter store and the parked outbox rows.
    /// Call after <c>AddBazaarDatabase(typeof(Program).Assembly, MessagingAssembly.Migrations)</c>.</summary>
    public static WebApplicationBuilder AddBazaarMessaging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var dataDirectory = Path.GetFullPath(builder.Configuration["Bazaar:DataDir"] ?? ".bazaar");
        builder.Services.AddOptions<SqliteTransportOptions>()
            .Bind(builder.Configuration.GetSection("Messaging:Sqlite"))
            .PostConfigure(options =>
            {
                if (string.IsNullOrWhiteSpace(options.Path)) options.Path = Path.Combine(dataDirectory, "events.db");
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.Path))!);
            })
            .ValidateOnStartWith<SqliteTransportOptions, SqliteTransportOptionsValidator>();
        builder.Services.AddOptions<OutboxOptions>().Bind(builder.Configuration.GetSection("Messaging:Outbox"))
            .ValidateOnStartWith<OutboxOptions, OutboxOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IEventTransport, SqliteEventTransport>();
        builder.Services.AddSingleton<OutboxRelay>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboxRelay>());
        builder.Services.AddSingleton<DeadLetterStore>();
        builder.Services.AddSingleton<ParkedOutbox>();
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Add(MessagingJson.Default));
        return builder;
    }

    /// <summary>Consumes <paramref name="stream"/> as <paramref name="group"/> with
    /// <typeparamref name="THandler"/>; settings from <c>Messaging:Consumers:&lt;group&gt;</c>, the
    /// consumer name from <c>Bazaar:Replica</c>.</summary>
    public static WebApplicationBuilder AddEventConsumer<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this WebApplicationBuilder builder, string stream, string group)
        where THandler : class, IEventHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ConsumerOptions();
        builder.Configuration.GetSection($"Messaging:Consumers:{group}").Bind(options);
        options.Stream = stream;
        options.Group = group;
        options.Consumer = builder.Configuration["Bazaar:Replica"] ?? Environment.GetEnvironmentVariable("HOSTNAME") ?? Environment.MachineName;
        // Checked here, as the consumer is added: a bad setting stops the start with its name.
        var validation = new ConsumerOptionsValidator().Validate(group, options);
        if (validation.Failed) throw new OptionsValidationException(group, typeof(ConsumerOptions), validation.Failures);

        builder.Services.AddSingleton<THandler>();
        builder.Services.AddSingleton(services => new EventSubscription(group, services.GetRequiredService<THandler>()));
        builder.Services.AddSingleton(new ConsumedStream(stream, group));
        builder.Services.AddHostedService(services => new EventConsumer(
            services.GetRequiredService<Database>(), services.GetRequiredService<IEventTransport>(), services.GetRequiredService<THandler>(),
            options, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<EventConsumer>>()));
        return builder;
    }
}
