using Bazaar.Platform;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bazaar.Payments.Sweeping;

internal static class SweeperModule
{
    public static WebApplicationBuilder AddPendingSweeper(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SweeperOptions>().BindConfiguration("Payments:Sweeper").ValidateOnStartWith<SweeperOptions, SweeperOptionsValidator>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SweeperOptions>, PendingAfterValidator>());
        builder.Services.AddSingleton<PendingSweeper>();
        builder.Services.AddHostedService(services => services.GetRequiredService<PendingSweeper>());
        return builder;
    }
}
