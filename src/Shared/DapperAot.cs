// Compiled into every project that sets <BazaarDataAccess> (see Directory.Build.targets): Dapper.AOT
// generates the Dapper calls of a module that carries these attributes, with the SQLite handlers
// compiled into every generated parameter and row reader.
using Bazaar.Platform.Data;
using Dapper;

[module: DapperAot]
// Parameters are found in SQLite's own syntax (ON CONFLICT, RETURNING, several statements) at
// build time; without it the generator defers some to run time, and that path mishandles a
// cancellation token in the parameter object.
[module: SqlSyntax(SqlSyntax.SQLite)]
[module: TypeHandler(typeof(Guid), typeof(SqliteTypeHandlers.GuidHandler))]
[module: TypeHandler(typeof(DateTimeOffset), typeof(SqliteTypeHandlers.DateTimeOffsetHandler))]
[module: TypeHandler(typeof(decimal), typeof(SqliteTypeHandlers.DecimalHandler))]
