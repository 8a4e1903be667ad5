/*
 * alembic_types.c
 *	  PostgreSQL's built-in types (format_type() spelling) as the
 *	  SQLAlchemy type expressions that compile back to exactly that type
 *	  and that Alembic's autogenerate compares as equal: shared by the
 *	  models module (emit_models.c) and the revision's operations.
 */
#include "alembic_types.h"

#include "model.h"
#include "textquote.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool starts(const char *s, const char *prefix, const char **rest)
{
	size_t n = strlen(prefix);
	if (strncmp(s, prefix, n) != 0)
		return false;
	*rest = s + n;
	return true;
}

bool alembic_types_builtin(struct strbuf *out, const char *type)
{
	static const char *const simple[][2] = {
	    {"integer", "sa.Integer()"},
	    {"bigint", "sa.BigInteger()"},
	    {"smallint", "sa.SmallInteger()"},
	    {"text", "sa.Text()"},
	    {"boolean", "sa.Boolean()"},
	    {"date", "sa.Date()"},
	    {"real", "sa.REAL()"},
	    {"double precision", "postgresql.DOUBLE_PRECISION()"},
	    {"bytea", "postgresql.BYTEA()"},
	    {"json", "postgresql.JSON()"},
	    {"jsonb", "postgresql.JSONB()"},
	    {"uuid", "postgresql.UUID()"},
	    {"inet", "postgresql.INET()"},
	    {"cidr", "postgresql.CIDR()"},
	    {"macaddr", "postgresql.MACADDR()"},
	    {"money", "postgresql.MONEY()"},
	    {"oid", "postgresql.OID()"},
	    {"tsvector", "postgresql.TSVECTOR()"},
	    {"int4range", "postgresql.INT4RANGE()"},
	    {"int8range", "postgresql.INT8RANGE()"},
	    {"numrange", "postgresql.NUMRANGE()"},
	    {"daterange", "postgresql.DATERANGE()"},
	    {"tsrange", "postgresql.TSRANGE()"},
	    {"tstzrange", "postgresql.TSTZRANGE()"},
	    {"character varying", "sa.VARCHAR()"},
	    {"character", "sa.CHAR(1)"},
	    {"numeric", "sa.Numeric()"},
	    {"bit varying", "postgresql.BIT(varying=True)"},
	    {"bit", "postgresql.BIT(1)"},
	    {"interval", "postgresql.INTERVAL()"},
	};
	for (size_t i = 0; i < sizeof simple / sizeof simple[0]; i++)
		if (strcmp(type, simple[i][0]) == 0) {
			sb_append(out, simple[i][1]);
			return true;
		}
	const char *rest;
	long a, b;
	char tail[64];
	if (starts(type, "character varying(", &rest) && sscanf(rest, "%ld)", &a) == 1) {
		sb_printf(out, "sa.VARCHAR(%ld)", a);
		return true;
	}
	if (starts(type, "character(", &rest) && sscanf(rest, "%ld)", &a) == 1) {
		sb_printf(out, "sa.CHAR(%ld)", a);
		return true;
	}
	if (starts(type, "bit varying(", &rest) && sscanf(rest, "%ld)", &a) == 1) {
		sb_printf(out, "postgresql.BIT(%ld, varying=True)", a);
		return true;
	}
	if (starts(type, "bit(", &rest) && sscanf(rest, "%ld)", &a) == 1) {
		sb_printf(out, "postgresql.BIT(%ld)", a);
		return true;
	}
	if (starts(type, "numeric(", &rest)) {
		if (sscanf(rest, "%ld,%ld)", &a, &b) == 2) {
			sb_printf(out, "sa.Numeric(%ld, %ld)", a, b);
			return true;
		}
		if (sscanf(rest, "%ld)", &a) == 1) {
			sb_printf(out, "sa.Numeric(%ld)", a);
			return true;
		}
	}
	static const char *const times[][2] = {
	    {"timestamp", "postgresql.TIMESTAMP"},
	    {"time", "postgresql.TIME"},
	};
	for (size_t i = 0; i < 2; i++) {
		if (!starts(type, times[i][0], &rest))
			continue;
		long prec = -1;
		if (*rest == '(') {
			if (sscanf(rest, "(%ld)", &prec) != 1)
				return false;
			rest = strchr(rest, ')') + 1;
		}
		bool tz;
		if (strcmp(rest, " without time zone") == 0)
			tz = false;
		else if (strcmp(rest, " with time zone") == 0)
			tz = true;
		else
			continue;
		sb_printf(out, "%s(timezone=%s", times[i][1], tz ? "True" : "False");
		if (prec >= 0)
			sb_printf(out, ", precision=%ld", prec);
		sb_append(out, ")");
		return true;
	}
	if (starts(type, "interval", &rest) && (*rest == ' ' || *rest == '(')) {
		/* "interval(3)", "interval day to second", "interval second(3)" */
		long prec = -1;
		const char *paren = strchr(rest, '(');
		size_t flen = paren ? (size_t)(paren - rest) : strlen(rest);
		if (paren != NULL && sscanf(paren, "(%ld)", &prec) != 1)
			return false;
		while (flen > 0 && rest[0] == ' ') {
			rest++;
			flen--;
		}
		if (flen >= sizeof tail)
			return false;
		memcpy(tail, rest, flen);
		tail[flen] = '\0';
		sb_append(out, "postgresql.INTERVAL(");
		if (flen > 0)
			sb_printf(out, "fields='%s'", tail);
		if (prec >= 0)
			sb_printf(out, "%sprecision=%ld", flen > 0 ? ", " : "", prec);
		sb_append(out, ")");
		return true;
	}
	return false;
}

/* The enum of m whose format_type() name is `type`, or NULL. */
static const struct pgtype *enum_named(const struct model *m, const char *type)
{
	struct strbuf name;
	sb_init(&name);
	const struct pgtype *found = NULL;
	for (size_t i = 0; i < m->types.n && found == NULL; i++) {
		const struct pgtype *t = m->types.v[i];
		if (t->kind != TYPE_ENUM || t->h.schema == NULL)
			continue;
		sb_reset(&name);
		quote_sql_ident(&name, t->h.schema);
		sb_putc(&name, '.');
		quote_sql_ident(&name, t->h.name);
		if (strcmp(name.data, type) == 0)
			found = t;
	}
	sb_free(&name);
	return found;
}

bool alembic_types_exact(struct strbuf *out, const struct model *m, const char *type)
{
	size_t n = strlen(type);
	if (n > 2 && strcmp(type + n - 2, "[]") == 0) {
		char *inner = xstrdup(type);
		inner[n - 2] = '\0';
		struct strbuf sb;
		sb_init(&sb);
		bool ok = strchr(inner, '[') == NULL && alembic_types_exact(&sb, m, inner);
		if (ok)
			sb_printf(out, "postgresql.ARRAY(%s)", sb.data);
		sb_free(&sb);
		free(inner);
		return ok;
	}
	if (alembic_types_builtin(out, type))
		return true;
	const struct pgtype *t = enum_named(m, type);
	if (t == NULL)
		return false;
	sb_append(out, "postgresql.ENUM(name=");
	quote_python_literal(out, t->h.name);
	sb_append(out, ", schema=");
	quote_python_literal(out, t->h.schema);
	sb_append(out, ", create_type=False)");
	return true;
}
