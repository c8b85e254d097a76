namespace Bazaar.Users.Addresses;

internal static class AddressesModule
{
    public static WebApplicationBuilder AddAddresses(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AddressBook>();
        return builder;
    }
}
