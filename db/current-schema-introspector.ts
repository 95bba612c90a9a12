import {
  type DatabaseIntrospector,
  type DatabaseMetadataOptions,
  type Kysely,
  PostgresDialect,
  PostgresIntrospector,
  type TableMetadata,
  sql,
} from 'kysely'

/**
 * Kysely's PostgreSQL introspection reads the tables of every schema in the database, calling
 * `has_schema_privilege` on each; a schema dropped by another connection meanwhile makes the
 * query fail ("schema … does not exist"). Several instances, other apps and parallel test files
 * share a database by schema, so the migrator's "does my table exist" asks only about the
 * schema this connection works in (its search path's first), with a query no other schema can break.
 */
class CurrentSchemaIntrospector extends PostgresIntrospector {
  readonly #db: Kysely<any>

  constructor(db: Kysely<any>) {
    super(db)
    this.#db = db
  }

  override async getTables(options: DatabaseMetadataOptions = { withInternalKyselyTables: false }): Promise<TableMetadata[]> {
    const rows = await sql<{
      table_name: string
      table_schema: string
      table_type: string
      column_name: string
      data_type: string
      is_nullable: string
      column_default: string | null
      is_identity: string
    }>`
      select t.table_name, t.table_schema, t.table_type, c.column_name, c.data_type, c.is_nullable, c.column_default, c.is_identity
      from information_schema.tables t
      join information_schema.columns c on c.table_schema = t.table_schema and c.table_name = t.table_name
      where t.table_schema = current_schema()
      order by t.table_name, c.ordinal_position`.execute(this.#db)
    const tables = new Map<string, TableMetadata>()
    for (const row of rows.rows) {
      if (!options.withInternalKyselyTables && row.table_name.startsWith('kysely_')) continue
      let table = tables.get(row.table_name)
      if (!table) {
        table = { name: row.table_name, schema: row.table_schema, isView: row.table_type === 'VIEW', columns: [] }
        tables.set(row.table_name, table)
      }
      table.columns.push({
        name: row.column_name,
        dataType: row.data_type,
        isNullable: row.is_nullable === 'YES',
        hasDefaultValue: row.column_default !== null || row.is_identity === 'YES',
        isAutoIncrementing: row.is_identity === 'YES' || (row.column_default ?? '').startsWith('nextval('),
      })
    }
    return [...tables.values()]
  }
}

export class CurrentSchemaPostgresDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new CurrentSchemaIntrospector(db)
  }
}
