/*
 * typefmt.c
 *	  Type names as PostgreSQL's format_type() prints them with an empty
 *	  search_path: SQL-standard spellings for the built-in types that have
 *	  them (int4 → integer, timestamptz → timestamp with time zone), other
 *	  pg_catalog types bare, every other type schema-qualified, typmods in
 *	  the type's own output form (numeric(10) → numeric(10,0)), and one
 *	  "[]" for any array.
 */
#include "build_int.h"
#include "sqlident.h"

#include <stdlib.h>
#include <string.h>

/* Interval field masks, from PostgreSQL's datetime.h. */
#define INTV_MONTH	(1 << 1)
#define INTV_YEAR	(1 << 2)
#define INTV_DAY	(1 << 3)
#define INTV_HOUR	(1 << 10)
#define INTV_MINUTE	(1 << 11)
#define INTV_SECOND	(1 << 12)
#define INTV_FULL_RANGE 0x7FFF

enum typmod_style {
	TM_NONE,     /* no typmod output (or print as written) */
	TM_LENGTH,   /* (n) */
	TM_NUMERIC,  /* (p,s) */
	TM_TIME,     /* (p) between base name and suffix */
	TM_INTERVAL, /* fields then (p) */
};

struct builtin {
	const char *internal; /* pg_catalog name */
	const char *display;  /* format_type() base spelling */
	const char *suffix;   /* printed after the typmod: " with time zone" */
	enum typmod_style style;
};

/* Types whose format_type() spelling differs from their catalog name. */
static const struct builtin special_types[] = {
    {"bit", "bit", "", TM_LENGTH},
    {"bool", "boolean", "", TM_NONE},
    {"bpchar", "character", "", TM_LENGTH},
    {"char", "\"char\"", "", TM_NONE},
    {"float4", "real", "", TM_NONE},
    {"float8", "double precision", "", TM_NONE},
    {"int2", "smallint", "", TM_NONE},
    {"int4", "integer", "", TM_NONE},
    {"int8", "bigint", "", TM_NONE},
    {"interval", "interval", "", TM_INTERVAL},
    {"numeric", "numeric", "", TM_NUMERIC},
    {"time", "time", " without time zone", TM_TIME},
    {"timestamp", "timestamp", " without time zone", TM_TIME},
    {"timestamptz", "timestamp", " with time zone", TM_TIME},
    {"timetz", "time", " with time zone", TM_TIME},
    {"varbit", "bit varying", "", TM_LENGTH},
    {"varchar", "character varying", "", TM_LENGTH},
};

/*
 * Other pg_catalog types a dump names without qualification.  An
 * unqualified name found here resolves to pg_catalog (searched first);
 * anything else is a user type found through the search_path.
 */
/* clang-format off */
static const char *const catalog_types[] = {
    "aclitem", "any", "anyarray", "anycompatible", "anycompatiblearray", "anyelement",
    "anyenum", "anymultirange", "anynonarray", "anyrange", "bool", "box", "bpchar", "bytea",
    "char", "cid", "cidr", "circle", "cstring", "date", "datemultirange", "daterange",
    "event_trigger", "fdw_handler", "float4", "float8", "gtsvector", "index_am_handler", "inet",
    "int2", "int2vector", "int4", "int4multirange", "int4range", "int8", "int8multirange",
    "int8range", "internal", "interval", "json", "jsonb", "jsonpath", "language_handler", "line",
    "lseg", "macaddr", "macaddr8", "money", "name", "numeric", "nummultirange", "numrange", "oid",
    "oidvector", "path", "pg_lsn", "pg_node_tree", "pg_snapshot", "point", "polygon", "record",
    "refcursor", "regclass", "regcollation", "regconfig", "regdictionary", "regnamespace",
    "regoper", "regoperator", "regproc", "regprocedure", "regrole", "regtype", "table_am_handler",
    "text", "tid", "time", "timestamp", "timestamptz", "timetz", "trigger", "tsm_handler",
    "tsmultirange", "tsquery", "tsrange", "tstzmultirange", "tstzrange", "tsvector",
    "txid_snapshot", "unknown", "uuid", "varbit", "varchar", "void", "xid", "xid8", "xml",
    "bit", "smallint", "integer", "bigint", "real", "boolean"};
/* clang-format on */

static int cmp_builtin(const void *key, const void *elem)
{
	return strcmp(key, ((const struct builtin *)elem)->internal);
}

static const struct builtin *find_special(const char *name)
{
	return bsearch(name, special_types, sizeof(special_types) / sizeof(special_types[0]),
		       sizeof(special_types[0]), cmp_builtin);
}

static bool is_catalog_type(const char *name)
{
	for (size_t i = 0; i < sizeof(catalog_types) / sizeof(catalog_types[0]); i++)
		if (strcmp(catalog_types[i], name) == 0)
			return true;
	return false;
}

/* The integer value of an A_Const typmod; false when it is not an integer. */
static bool typmod_int(const Node *n, int *out)
{
	if (n && IsA(n, A_Const)) {
		const A_Const *ac = (const A_Const *)n;
		if (!ac->isnull && nodeTag(&ac->val) == T_Integer) {
			*out = ac->val.ival.ival;
			return true;
		}
	}
	return false;
}

static const char *interval_fields(int mask)
{
	switch (mask) {
	case INTV_YEAR:
		return " year";
	case INTV_MONTH:
		return " month";
	case INTV_DAY:
		return " day";
	case INTV_HOUR:
		return " hour";
	case INTV_MINUTE:
		return " minute";
	case INTV_SECOND:
		return " second";
	case INTV_YEAR | INTV_MONTH:
		return " year to month";
	case INTV_DAY | INTV_HOUR:
		return " day to hour";
	case INTV_DAY | INTV_HOUR | INTV_MINUTE:
		return " day to minute";
	case INTV_DAY | INTV_HOUR | INTV_MINUTE | INTV_SECOND:
		return " day to second";
	case INTV_HOUR | INTV_MINUTE:
		return " hour to minute";
	case INTV_HOUR | INTV_MINUTE | INTV_SECOND:
		return " hour to second";
	case INTV_MINUTE | INTV_SECOND:
		return " minute to second";
	default:
		return "";
	}
}

/* The typmod part of a built-in type with a special spelling. */
static void format_special(struct strbuf *sb, const struct builtin *bt, const TypeName *tn)
{
	int n_typmods = list_length(tn->typmods);
	int m0 = -1, m1 = -1; /* -1: absent, or not an integer */
	if (n_typmods > 0)
		typmod_int(linitial(tn->typmods), &m0);
	bool has_m1 = n_typmods > 1 && typmod_int(lsecond(tn->typmods), &m1);

	sb_append(sb, bt->display);
	switch (bt->style) {
	case TM_NONE:
		break;
	case TM_LENGTH:
	case TM_TIME:
		if (m0 >= 0)
			sb_printf(sb, "(%d)", m0);
		break;
	case TM_NUMERIC:
		/* The scale may be negative: numeric(5,-2) rounds to hundreds. */
		if (m0 >= 0)
			sb_printf(sb, "(%d,%d)", m0, has_m1 ? m1 : 0);
		break;
	case TM_INTERVAL:
		if (n_typmods >= 1 && m0 >= 0 && m0 != INTV_FULL_RANGE)
			sb_append(sb, interval_fields(m0));
		if (m1 >= 0)
			sb_printf(sb, "(%d)", m1);
		break;
	}
	sb_append(sb, bt->suffix);
}

/* Typmods of a type we know nothing about, as written: (a,b). */
static void format_generic_typmods(struct builder *b, struct strbuf *sb, const TypeName *tn)
{
	ListCell *lc;

	if (tn->typmods == NIL)
		return;
	sb_putc(sb, '(');
	foreach (lc, tn->typmods) {
		const Node *n = lfirst(lc);
		if (foreach_current_index(lc) > 0)
			sb_putc(sb, ',');
		if (IsA(n, ColumnRef) && list_length(((const ColumnRef *)n)->fields) == 1 &&
		    node_is_string(linitial(((const ColumnRef *)n)->fields)))
			sb_append(sb, node_string(linitial(((const ColumnRef *)n)->fields)));
		else
			sb_append(sb, pgparse_deparse_expr(b->a, n));
	}
	sb_putc(sb, ')');
}

/* Which schema an unqualified user type lives in: the first on search_path that has it. */
static const char *resolve_type_schema(struct builder *b, const char *name)
{
	for (int i = 0; i < b->n_search_path; i++)
		if (model_find_type(b->m, b->search_path[i], name))
			return b->search_path[i];
	return build_creation_schema(b);
}

char *typefmt_format(struct builder *b, const TypeName *tn)
{
	struct strbuf sb;
	const char *schema = NULL;
	const char *name = NULL;

	sb_init(&sb);
	if (tn->setof)
		sb_append(&sb, "SETOF ");

	int n_names = list_length(tn->names);
	if (n_names == 0 || n_names > 3) {
		sb_append(&sb, "???");
	} else {
		name = node_string(list_nth(tn->names, n_names - 1));
		if (n_names >= 2)
			schema = node_string(list_nth(tn->names, n_names - 2));
		if (name == NULL)
			name = "???";
	}

	bool catalog = schema ? strcmp(schema, "pg_catalog") == 0
			      : (name && is_catalog_type(name) &&
				 !model_find_type(b->m, build_creation_schema(b), name));
	const struct builtin *bt = catalog && name ? find_special(name) : NULL;

	if (bt && strcmp(name, "bpchar") == 0 && tn->typmods == NIL) {
		/* bpchar without a length is not character(1); format_type says "bpchar". */
		sb_append(&sb, "bpchar");
	} else if (bt) {
		format_special(&sb, bt, tn);
	} else if (name) {
		if (!catalog) {
			if (schema == NULL)
				schema = resolve_type_schema(b, name);
			sb_append(&sb, sqlident_qualified(b->a, schema, name));
		} else {
			sb_append(&sb, sqlident_quote(b->a, name));
		}
		format_generic_typmods(b, &sb, tn);
	}
	if (tn->arrayBounds != NIL)
		sb_append(&sb, "[]");

	char *res = arena_strdup(b->a, sb.data);
	sb_free(&sb);
	return res;
}
