namespace Bazaar.Messaging;

/// <summary>Marks the assembly whose migrations (outbox, inbox) join a service's own.</summary>
public static class MessagingAssembly
{
    public static System.Reflection.Assembly Migrations => typeof(MessagingAssembly).Assembly;
}
