// Compiled into every project that sets <BazaarDataAccess> (see Directory.Build.targets): Dapper.AOT
// generates the Dapper calls of a module that carries these attributes, with the SQLite handlers
// compiled into every generated parameter and row reader.
using Bazaar.Platform.Data;
using Dapper;

[module: DapperAot]
[module: TypeHandler(typeof(Guid), typeof(SqliteTypeHandlers.GuidHandler))]
[module: TypeHandler(typeof(DateTimeOffset), typeof(SqliteTypeHandlers.DateTimeOffsetHandler))]
[module: TypeHandler(typeof(decimal), typeof(SqliteTypeHandlers.DecimalHandler))]
