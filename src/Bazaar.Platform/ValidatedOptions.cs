using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Bazaar.Platform;

public static class ValidatedOptions
{
    /// <summary>Validates the options when the host starts with <typeparamref name="TValidator"/>:
    /// a validator that the options source generator writes from the type's data annotations
    /// (<c>[OptionsValidator]</c>). The rules are those of <c>ValidateDataAnnotations</c>, checked
    /// by generated code instead of attributes read by reflection, so a trimmed Native AOT build
    /// checks them too.</summary>
    public static OptionsBuilder<TOptions> ValidateOnStartWith<
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TValidator>(this OptionsBuilder<TOptions> options)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return options.ValidateOnStart();
    }
}
