using System.Reflection;
using System.Runtime.ExceptionServices;
using StackExchange.Redis;

namespace Bazaar.Recommendations.Tests;

/// <summary>A connection to a real Redis that a test can break, or step into right before a
/// transaction is made: for failures a real server gives only at moments a test cannot choose (a
/// timeout on one replica's publish, a staging key evicted just before the EXEC).</summary>
internal class InterceptedRedis : DispatchProxy
{
    private IConnectionMultiplexer _inner = null!;
    private volatile bool _broken;

    /// <summary>While true, every command fails as over a lost connection.</summary>
    public bool Broken
    {
        get => _broken;
        set => _broken = value;
    }

    /// <summary>Runs each time a transaction is created, before it is.</summary>
    public Action? BeforeTransaction { get; set; }

    /// <summary>This, as the connection to hand to the part under test.</summary>
    public IConnectionMultiplexer Connection => (IConnectionMultiplexer)(object)this;

    public static InterceptedRedis Over(IConnectionMultiplexer inner)
    {
        var proxy = (InterceptedRedis)(object)Create<IConnectionMultiplexer, InterceptedRedis>();
        proxy._inner = inner;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? method, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (method.Name != nameof(IConnectionMultiplexer.GetDatabase)) return Forward(_inner, method, args);
        if (Broken) throw new RedisConnectionException(ConnectionFailureType.SocketFailure, CommandFlags.None, "broken by the test", null, CommandStatus.Unknown);
        var database = (IDatabase)(object)Create<IDatabase, InterceptedDatabase>();
        ((InterceptedDatabase)(object)database).Attach((IDatabase)Forward(_inner, method, args)!, this);
        return database;
    }

    private static object? Forward(object target, MethodInfo method, object?[]? args)
    {
        try
        {
            return method.Invoke(target, args);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }
    }

    internal class InterceptedDatabase : DispatchProxy
    {
        private IDatabase _inner = null!;
        private InterceptedRedis _connection = null!;

        public void Attach(IDatabase inner, InterceptedRedis connection) => (_inner, _connection) = (inner, connection);

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            ArgumentNullException.ThrowIfNull(method);
            if (method.Name == nameof(IDatabase.CreateTransaction)) _connection.BeforeTransaction?.Invoke();
            return Forward(_inner, method, args);
        }
    }
}
