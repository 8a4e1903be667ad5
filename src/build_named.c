/*
 * build_named.c
 *	  The objects the model holds by name only (struct object): event
 *	  triggers, rules, operators and their classes and families,
 *	  publications, subscriptions, collations, conversions, text search
 *	  objects, casts, foreign data wrappers, servers, user mappings,
 *	  statistics objects, transforms, languages and access methods.  Each
 *	  is kept with its kind, schema, name and the statement that made it
 *	  (deparsed), and later ALTERs of it are appended to that definition;
 *	  COMMENT, ALTER ... OWNER TO and GRANT find it through
 *	  build_named_find().
 *
 *	  Secrets are left out of definitions: a user mapping's options (which
 *	  hold passwords) and a subscription's connection string (CREATE and
 *	  ALTER SUBSCRIPTION).
 */
#include "build_int.h"
#include "sqlident.h"

#include <string.h>

/* IsA() that is false for NULL. */
#define IS_NODE(n, T) ((n) != NULL && IsA((n), T))

static const char *type_or_none(struct builder *b, const Node *n)
{
	return IS_NODE(n, TypeName) ? typefmt_format(b, (const TypeName *)n) : "NONE";
}

/* "left, right": an operator's argument types, "NONE" for a missing one. */
static const char *operator_args(struct builder *b, const Node *left, const Node *right)
{
	return arena_printf(b->a, "%s, %s", type_or_none(b, left), type_or_none(b, right));
}

/* "(source AS target)": a cast's name, as DROP CAST writes it. */
static const char *cast_name(struct builder *b, const TypeName *source, const TypeName *target)
{
	return arena_printf(b->a, "(%s AS %s)", source ? typefmt_format(b, source) : "?",
			    target ? typefmt_format(b, target) : "?");
}

static const char *qualified_table(struct builder *b, const RangeVar *rv)
{
	return arena_printf(b->a, "%s.%s", build_rv_schema(b, rv), rv->relname);
}

/* A qualified name list as schema (the creation schema when unqualified) and name. */
static void split_name(struct builder *b, const List *names, const char **schema, const char **name)
{
	build_qualname(b, names, schema, name);
	if (*name != NULL && *schema == NULL)
		*schema = build_creation_schema(b);
}

static struct object *add(struct builder *b, enum object_kind kind, const char *schema,
			  const char *name, const char *qual, const Node *n)
{
	if (name == NULL)
		return NULL;
	struct object *o = model_add_object(b->m, kind, schema, name, qual);
	o->definition = build_definition(b, n);
	return o;
}

/* An ALTER of a known object: its definition grows by the statement. */
static void amend(struct builder *b, struct object *o, const Node *n)
{
	if (o == NULL)
		return;
	o->definition = arena_printf(b->a, "%s;\n%s", o->definition ? o->definition : "",
				     build_definition(b, n));
}

static void create_operator(struct builder *b, const DefineStmt *ds, const char *schema,
			    const char *name)
{
	ListCell *lc;
	const Node *left = NULL, *right = NULL;
	foreach (lc, ds->definition) {
		const DefElem *d = lfirst(lc);
		if (!IS_NODE(d, DefElem))
			continue;
		if (strcmp(d->defname, "leftarg") == 0)
			left = d->arg;
		else if (strcmp(d->defname, "rightarg") == 0)
			right = d->arg;
	}
	const char *args = operator_args(b, left, right);
	struct object *o = add(b, OBJ_OPERATOR, schema, name, args, (const Node *)ds);
	if (o)
		o->arguments = args;
}

/* DefineStmt kinds other than types and aggregates (build_objects.c has those). */
static bool define_object(struct builder *b, const DefineStmt *ds)
{
	enum object_kind kind;
	switch (ds->kind) {
	case OBJECT_OPERATOR:
		kind = OBJ_OPERATOR;
		break;
	case OBJECT_COLLATION:
		kind = OBJ_COLLATION;
		break;
	case OBJECT_TSCONFIGURATION:
		kind = OBJ_TS_CONFIGURATION;
		break;
	case OBJECT_TSDICTIONARY:
		kind = OBJ_TS_DICTIONARY;
		break;
	case OBJECT_TSPARSER:
		kind = OBJ_TS_PARSER;
		break;
	case OBJECT_TSTEMPLATE:
		kind = OBJ_TS_TEMPLATE;
		break;
	default:
		return false;
	}
	const char *schema, *name;
	split_name(b, ds->defnames, &schema, &name);
	if (kind == OBJ_OPERATOR)
		create_operator(b, ds, schema, name);
	else
		add(b, kind, schema, name, NULL, (const Node *)ds);
	return true;
}

static void create_rule(struct builder *b, const RuleStmt *rs)
{
	const char *schema = build_rv_schema(b, rs->relation);
	const char *on = qualified_table(b, rs->relation);
	struct object *o = add(b, OBJ_RULE, schema, rs->rulename, on, (const Node *)rs);
	if (o) {
		o->on = on;
		o->table_schema = arena_strdup(b->a, schema); /* schema may be the tree's */
		o->table = arena_strdup(b->a, rs->relation->relname);
		o->key = build_canon_rule(b, o->definition);
	}
}

static void create_statistics(struct builder *b, const CreateStatsStmt *cs)
{
	const char *schema, *name;
	split_name(b, cs->defnames, &schema, &name);
	struct object *o = add(b, OBJ_STATISTICS, schema, name, NULL, (const Node *)cs);
	if (o == NULL || list_length(cs->relations) < 1 ||
	    !IS_NODE(linitial(cs->relations), RangeVar))
		return;
	const RangeVar *rv = linitial(cs->relations);
	o->on = qualified_table(b, rv);
	o->table_schema = arena_strdup(b->a, build_rv_schema(b, rv));
	o->table = arena_strdup(b->a, rv->relname);
}

/* The user as pg_user_mappings.usename shows it: "public" for PUBLIC; CURRENT_USER as written. */
static const char *user_mapping_name(const RoleSpec *r)
{
	static const char *const keywords[] = {
	    [ROLESPEC_CURRENT_ROLE] = "CURRENT_ROLE",
	    [ROLESPEC_CURRENT_USER] = "CURRENT_USER",
	    [ROLESPEC_SESSION_USER] = "SESSION_USER",
	    [ROLESPEC_PUBLIC] = "public",
	};
	if (r == NULL)
		return NULL;
	if (r->roletype == ROLESPEC_CSTRING)
		return r->rolename;
	return (size_t)r->roletype < sizeof(keywords) / sizeof(keywords[0]) ? keywords[r->roletype]
									    : NULL;
}

static void create_user_mapping(struct builder *b, const CreateUserMappingStmt *us)
{
	const char *user = user_mapping_name(us->user);
	if (user == NULL)
		return;
	/* The options may hold a password: the definition is written without them. */
	CreateUserMappingStmt bare = *us;
	bare.options = NIL;
	struct object *o =
	    add(b, OBJ_USER_MAPPING, NULL, user, us->servername, (const Node *)&bare);
	if (o)
		o->on = arena_strdup(b->a, us->servername);
}

static void create_subscription(struct builder *b, const CreateSubscriptionStmt *ss)
{
	/* The connection string may hold a password. */
	CreateSubscriptionStmt bare = *ss;
	bare.conninfo = "********";
	add(b, OBJ_SUBSCRIPTION, NULL, ss->subname, NULL, (const Node *)&bare);
}

static void alter_subscription(struct builder *b, const AlterSubscriptionStmt *as)
{
	AlterSubscriptionStmt bare = *as;
	if (bare.conninfo != NULL)
		bare.conninfo = "********";
	amend(b, model_find_object(b->m, OBJ_SUBSCRIPTION, NULL, as->subname, NULL),
	      (const Node *)&bare);
}

static void create_transform(struct builder *b, const CreateTransformStmt *ts)
{
	const char *type = ts->type_name ? typefmt_format(b, ts->type_name) : NULL;
	struct object *o = add(b, OBJ_TRANSFORM, NULL, type, ts->lang, (const Node *)ts);
	if (o)
		o->on = arena_strdup(b->a, ts->lang);
}

static void create_opclass(struct builder *b, const CreateOpClassStmt *os)
{
	const char *schema, *name;
	split_name(b, os->opclassname, &schema, &name);
	struct object *o = add(b, OBJ_OPERATOR_CLASS, schema, name, os->amname, (const Node *)os);
	if (o)
		o->on = arena_strdup(b->a, os->amname);
}

static void create_opfamily(struct builder *b, const CreateOpFamilyStmt *os)
{
	const char *schema, *name;
	split_name(b, os->opfamilyname, &schema, &name);
	struct object *o = add(b, OBJ_OPERATOR_FAMILY, schema, name, os->amname, (const Node *)os);
	if (o)
		o->on = arena_strdup(b->a, os->amname);
}

static void create_conversion(struct builder *b, const CreateConversionStmt *cs)
{
	const char *schema, *name;
	split_name(b, cs->conversion_name, &schema, &name);
	add(b, OBJ_CONVERSION, schema, name, NULL, (const Node *)cs);
}

static void alter_ts_configuration(struct builder *b, const AlterTSConfigurationStmt *as)
{
	const char *schema, *name;
	split_name(b, as->cfgname, &schema, &name);
	amend(b, model_find_object(b->m, OBJ_TS_CONFIGURATION, schema, name, NULL),
	      (const Node *)as);
}

static void alter_ts_dictionary(struct builder *b, const AlterTSDictionaryStmt *as)
{
	const char *schema, *name;
	split_name(b, as->dictname, &schema, &name);
	amend(b, model_find_object(b->m, OBJ_TS_DICTIONARY, schema, name, NULL), (const Node *)as);
}

/* ALTER ... RENAME TO of an object held by name (false: another kind). */
static bool rename_object(struct builder *b, const RenameStmt *rs)
{
	enum object_kind kind;
	if (!build_named_kind(rs->renameType, &kind) || rs->newname == NULL)
		return false;
	struct objhdr *h = NULL;
	if (kind == OBJ_RULE && rs->relation != NULL && rs->subname != NULL) {
		/* ALTER RULE r ON t RENAME TO: the rule by its table, as COMMENT ON RULE finds it
		 */
		const char *schema = build_rv_schema(b, rs->relation);
		struct object *o =
		    model_find_object(b->m, OBJ_RULE, schema, rs->subname,
				      arena_printf(b->a, "%s.%s", schema, rs->relation->relname));
		h = o ? &o->h : NULL;
	} else {
		h = build_named_find(b, kind, rs->object);
	}
	if (h != NULL) { /* struct object begins with its header */
		model_rename_object(b->m, (struct object *)h, rs->newname);
		amend(b, (struct object *)h, (const Node *)rs);
	}
	return true;
}

static const char *owa_operator_args(struct builder *b, const ObjectWithArgs *owa);

/* Dependents the model keeps no link to: what a drop of this kind may leave behind. */
static const char *untracked_dependents(enum object_kind kind)
{
	switch (kind) {
	case OBJ_OPERATOR:
		return "expressions, indexes and operator classes that use it";
	case OBJ_OPERATOR_CLASS:
	case OBJ_OPERATOR_FAMILY:
		return "indexes that use it";
	case OBJ_TS_CONFIGURATION:
	case OBJ_TS_DICTIONARY:
	case OBJ_TS_PARSER:
	case OBJ_TS_TEMPLATE:
		return "expressions, indexes and text search objects that use it";
	case OBJ_CAST:
		return "expressions that use it";
	case OBJ_FOREIGN_DATA_WRAPPER:
		return "its servers, their user mappings and foreign tables";
	case OBJ_ACCESS_METHOD:
		return "operator classes, indexes and tables that use it";
	default:
		return NULL;
	}
}

/* A DROP SERVER's dependents: foreign tables and user mappings on it. */
static bool drop_server_dependents(struct builder *b, const char *server, bool cascade)
{
	struct model *m = b->m;
	for (size_t i = m->tables.n; i-- > 0;) {
		struct table *t = m->tables.v[i];
		if (t->foreign_server == NULL || strcmp(t->foreign_server, server) != 0)
			continue;
		if (!cascade) {
			build_warn(b, 0,
				   "cannot drop server %s: foreign table %s depends on it (not "
				   "dropped; CASCADE would)",
				   sqlident_quote(b->a, server),
				   sqlident_qualified(b->a, t->h.schema, t->h.name));
			return false;
		}
		model_drop_table(m, t);
	}
	for (size_t i = m->objects.n; i-- > 0;) {
		struct object *o = m->objects.v[i];
		if (o->kind != OBJ_USER_MAPPING || o->on == NULL || strcmp(o->on, server) != 0)
			continue;
		if (!cascade) {
			build_warn(b, 0,
				   "cannot drop server %s: user mapping for %s depends on it (not "
				   "dropped; CASCADE would)",
				   sqlident_quote(b->a, server), o->h.name);
			return false;
		}
		model_drop_object(m, o);
	}
	return true;
}

/* A DROP COLLATION's dependents: columns with that COLLATE. */
static bool drop_collation_dependents(struct builder *b, const struct object *o, bool cascade)
{
	struct model *m = b->m;
	const char *q = sqlident_qualified(b->a, o->h.schema, o->h.name);
	for (size_t i = 0; i < m->tables.n; i++) {
		struct table *t = m->tables.v[i];
		for (size_t j = 0; j < t->columns.n; j++) {
			struct column *c = t->columns.v[j];
			if (c->collation == NULL || strcmp(c->collation, q) != 0)
				continue;
			build_warn(b, 0,
				   cascade
				       ? "collation %s dropped with CASCADE: PostgreSQL drops "
					 "column %s of table %s too; it is left in the model"
				       : "cannot drop collation %s: column %s of table %s depends "
					 "on it (not dropped; CASCADE would)",
				   q, sqlident_quote(b->a, c->name),
				   sqlident_qualified(b->a, t->h.schema, t->h.name));
			if (!cascade)
				return false;
		}
	}
	return true;
}

/* A DROP LANGUAGE's dependents: functions written in it. */
static bool drop_language_dependents(struct builder *b, const char *lang, bool cascade)
{
	struct model *m = b->m;
	for (size_t i = 0; i < m->functions.n; i++) {
		const struct function *f = m->functions.v[i];
		if (f->language == NULL || strcmp(f->language, lang) != 0)
			continue;
		build_warn(b, 0,
			   cascade
			       ? "language %s dropped with CASCADE: PostgreSQL drops %s %s too; "
				 "it is left in the model"
			       : "cannot drop language %s: %s %s depends on it (not dropped; "
				 "CASCADE would)",
			   sqlident_quote(b->a, lang), func_kind_name(f->kind),
			   f->signature ? f->signature : f->h.name);
		if (!cascade)
			return false;
	}
	return true;
}

/* "schema.name", or the name of a global object, as a message names what is missing. */
static const char *written(struct builder *b, enum object_kind kind, const Node *obj)
{
	if (obj == NULL)
		return "?";
	if (IsA(obj, String))
		return sqlident_quote(b->a, strVal(obj));
	if (IsA(obj, ObjectWithArgs)) {
		const ObjectWithArgs *owa = (const ObjectWithArgs *)obj;
		const char *schema, *name;
		build_qualname(b, owa->objname, &schema, &name);
		return arena_printf(b->a, "%s%s%s (%s)", schema ? sqlident_quote(b->a, schema) : "",
				    schema ? "." : "", name ? name : "?",
				    owa_operator_args(b, owa));
	}
	if (IsA(obj, List) && kind == OBJ_RULE && list_length((const List *)obj) >= 2) {
		/* (table..., rule): "r on table s.t" */
		const List *items = (const List *)obj;
		List head = *items;
		head.length = items->length - 1;
		const char *rule = node_string(llast(items));
		return arena_printf(b->a, "%s on table %s", rule ? sqlident_quote(b->a, rule) : "?",
				    written(b, OBJ_TS_CONFIGURATION, (const Node *)&head));
	}
	if (IsA(obj, List)) {
		struct strbuf sb;
		ListCell *lc;
		sb_init(&sb);
		sb_append(&sb, "");
		foreach (lc, (const List *)obj) {
			const Node *x = lfirst(lc);
			const char *v = IS_NODE(x, TypeName)
					    ? typefmt_format(b, (const TypeName *)x)
					    : node_string(x);
			sb_printf(&sb, "%s%s",
				  foreach_current_index(lc) ? (kind == OBJ_CAST ? " AS " : ".")
							    : "",
				  v ? (IS_NODE(x, TypeName) ? v : sqlident_quote(b->a, v)) : "?");
		}
		const char *r = kind == OBJ_CAST ? arena_printf(b->a, "(%s)", sb.data)
						 : arena_strdup(b->a, sb.data);
		sb_free(&sb);
		return r;
	}
	return "?";
}

/* DROP of objects held by name (false: another kind). */
static bool drop_objects(struct builder *b, const DropStmt *ds)
{
	ListCell *lc;
	enum object_kind kind;
	bool cascade = ds->behavior == DROP_CASCADE;
	if (!build_named_kind(ds->removeType, &kind))
		return false;
	foreach (lc, ds->objects) {
		struct objhdr *h = build_named_find(b, kind, lfirst(lc));
		if (h == NULL) {
			if (!ds->missing_ok)
				build_warn(b, 0,
					   "%s %s does not exist (DROP ignored; PostgreSQL stops "
					   "with an error)",
					   object_kind_label(kind), written(b, kind, lfirst(lc)));
			continue;
		}
		struct object *o = (struct object *)h;
		if ((kind == OBJ_SERVER && !drop_server_dependents(b, o->h.name, cascade)) ||
		    (kind == OBJ_COLLATION && !drop_collation_dependents(b, o, cascade)) ||
		    (kind == OBJ_LANGUAGE && !drop_language_dependents(b, o->h.name, cascade)))
			continue;
		const char *left = untracked_dependents(kind);
		if (left != NULL)
			build_warn(b, 0,
				   "%s %s dropped: %s, if any, are not followed (PostgreSQL %s)",
				   object_kind_label(kind), written(b, kind, lfirst(lc)), left,
				   cascade ? "drops them too with CASCADE"
					   : "refuses the DROP when there are any");
		model_drop_object(b->m, o);
	}
	return true;
}

static void drop_one(struct builder *b, enum object_kind kind, const char *name, const char *qual,
		     bool missing_ok)
{
	struct object *o = model_find_object(b->m, kind, NULL, name, qual);
	if (o != NULL)
		model_drop_object(b->m, o);
	else if (!missing_ok && name != NULL)
		build_warn(
		    b, 0, "%s %s%s%s does not exist (DROP ignored; PostgreSQL stops with an error)",
		    object_kind_label(kind), sqlident_quote(b->a, name), qual ? " server " : "",
		    qual ? sqlident_quote(b->a, qual) : "");
}

bool build_named_statement(struct builder *b, const Node *n)
{
	struct model *m = b->m;
	switch (nodeTag(n)) {
	case T_DefineStmt:
		return define_object(b, (const DefineStmt *)n);
	case T_CreateEventTrigStmt:
		add(b, OBJ_EVENT_TRIGGER, NULL, ((const CreateEventTrigStmt *)n)->trigname, NULL,
		    n);
		return true;
	case T_AlterEventTrigStmt:
		amend(b,
		      model_find_object(m, OBJ_EVENT_TRIGGER, NULL,
					((const AlterEventTrigStmt *)n)->trigname, NULL),
		      n);
		return true;
	case T_RuleStmt:
		create_rule(b, (const RuleStmt *)n);
		return true;
	case T_CreatePublicationStmt:
		add(b, OBJ_PUBLICATION, NULL, ((const CreatePublicationStmt *)n)->pubname, NULL, n);
		return true;
	case T_AlterPublicationStmt:
		amend(b,
		      model_find_object(m, OBJ_PUBLICATION, NULL,
					((const AlterPublicationStmt *)n)->pubname, NULL),
		      n);
		return true;
	case T_CreateSubscriptionStmt:
		create_subscription(b, (const CreateSubscriptionStmt *)n);
		return true;
	case T_AlterSubscriptionStmt:
		alter_subscription(b, (const AlterSubscriptionStmt *)n);
		return true;
	case T_CreateCastStmt: {
		const CreateCastStmt *cs = (const CreateCastStmt *)n;
		add(b, OBJ_CAST, NULL, cast_name(b, cs->sourcetype, cs->targettype), NULL, n);
		return true;
	}
	case T_CreateFdwStmt:
		add(b, OBJ_FOREIGN_DATA_WRAPPER, NULL, ((const CreateFdwStmt *)n)->fdwname, NULL,
		    n);
		return true;
	case T_AlterFdwStmt:
		amend(b,
		      model_find_object(m, OBJ_FOREIGN_DATA_WRAPPER, NULL,
					((const AlterFdwStmt *)n)->fdwname, NULL),
		      n);
		return true;
	case T_CreateForeignServerStmt:
		add(b, OBJ_SERVER, NULL, ((const CreateForeignServerStmt *)n)->servername, NULL, n);
		return true;
	case T_AlterForeignServerStmt:
		amend(b,
		      model_find_object(m, OBJ_SERVER, NULL,
					((const AlterForeignServerStmt *)n)->servername, NULL),
		      n);
		return true;
	case T_CreateUserMappingStmt:
		create_user_mapping(b, (const CreateUserMappingStmt *)n);
		return true;
	case T_CreateStatsStmt:
		create_statistics(b, (const CreateStatsStmt *)n);
		return true;
	case T_CreateTransformStmt:
		create_transform(b, (const CreateTransformStmt *)n);
		return true;
	case T_CreatePLangStmt:
		add(b, OBJ_LANGUAGE, NULL, ((const CreatePLangStmt *)n)->plname, NULL, n);
		return true;
	case T_CreateOpClassStmt:
		create_opclass(b, (const CreateOpClassStmt *)n);
		return true;
	case T_CreateOpFamilyStmt:
		create_opfamily(b, (const CreateOpFamilyStmt *)n);
		return true;
	case T_CreateConversionStmt:
		create_conversion(b, (const CreateConversionStmt *)n);
		return true;
	case T_CreateAmStmt:
		add(b, OBJ_ACCESS_METHOD, NULL, ((const CreateAmStmt *)n)->amname, NULL, n);
		return true;
	case T_AlterTSConfigurationStmt:
		alter_ts_configuration(b, (const AlterTSConfigurationStmt *)n);
		return true;
	case T_AlterTSDictionaryStmt:
		alter_ts_dictionary(b, (const AlterTSDictionaryStmt *)n);
		return true;
	case T_RenameStmt:
		return rename_object(b, (const RenameStmt *)n);
	case T_DropStmt:
		return drop_objects(b, (const DropStmt *)n);
	case T_DropSubscriptionStmt:
		drop_one(b, OBJ_SUBSCRIPTION, ((const DropSubscriptionStmt *)n)->subname, NULL,
			 ((const DropSubscriptionStmt *)n)->missing_ok);
		return true;
	case T_DropUserMappingStmt: {
		const DropUserMappingStmt *ds = (const DropUserMappingStmt *)n;
		drop_one(b, OBJ_USER_MAPPING, user_mapping_name(ds->user), ds->servername,
			 ds->missing_ok);
		return true;
	}
	default:
		return false;
	}
}

bool build_named_kind(ObjectType type, enum object_kind *kind)
{
	static const struct {
		ObjectType type;
		enum object_kind kind;
	} map[] = {
	    {OBJECT_EVENT_TRIGGER, OBJ_EVENT_TRIGGER},
	    {OBJECT_RULE, OBJ_RULE},
	    {OBJECT_OPERATOR, OBJ_OPERATOR},
	    {OBJECT_OPCLASS, OBJ_OPERATOR_CLASS},
	    {OBJECT_OPFAMILY, OBJ_OPERATOR_FAMILY},
	    {OBJECT_PUBLICATION, OBJ_PUBLICATION},
	    {OBJECT_SUBSCRIPTION, OBJ_SUBSCRIPTION},
	    {OBJECT_COLLATION, OBJ_COLLATION},
	    {OBJECT_CONVERSION, OBJ_CONVERSION},
	    {OBJECT_TSCONFIGURATION, OBJ_TS_CONFIGURATION},
	    {OBJECT_TSDICTIONARY, OBJ_TS_DICTIONARY},
	    {OBJECT_TSPARSER, OBJ_TS_PARSER},
	    {OBJECT_TSTEMPLATE, OBJ_TS_TEMPLATE},
	    {OBJECT_CAST, OBJ_CAST},
	    {OBJECT_FDW, OBJ_FOREIGN_DATA_WRAPPER},
	    {OBJECT_FOREIGN_SERVER, OBJ_SERVER},
	    {OBJECT_USER_MAPPING, OBJ_USER_MAPPING},
	    {OBJECT_STATISTIC_EXT, OBJ_STATISTICS},
	    {OBJECT_TRANSFORM, OBJ_TRANSFORM},
	    {OBJECT_LANGUAGE, OBJ_LANGUAGE},
	    {OBJECT_ACCESS_METHOD, OBJ_ACCESS_METHOD},
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].type == type) {
			*kind = map[i].kind;
			return true;
		}
	return false;
}

/* COMMENT ON RULE r ON t: the list is the table's name, then the rule's. */
static struct object *find_rule(struct builder *b, const List *items)
{
	int n = list_length(items);
	if (n < 2)
		return NULL;
	const char *rule = node_string(llast(items));
	List head = *items; /* every item but the last, over the same cells */
	head.length = n - 1;
	const char *schema, *table;
	build_qualname(b, &head, &schema, &table);
	if (rule == NULL || table == NULL)
		return NULL;
	RangeVar rv;
	memset(&rv, 0, sizeof(rv));
	rv.type = T_RangeVar;
	rv.schemaname = (char *)schema; /* unqualified: the table found on search_path */
	rv.relname = (char *)table;
	rv.location = -1;
	const struct table *t = build_find_table(b, &rv);
	const char *tschema = t ? t->h.schema : build_rv_schema(b, &rv);
	return model_find_object(b->m, OBJ_RULE, tschema, rule,
				 arena_printf(b->a, "%s.%s", tschema, table));
}

/* An ObjectWithArgs's two argument types ("NONE" for a missing one). */
static const char *owa_operator_args(struct builder *b, const ObjectWithArgs *owa)
{
	const Node *left = list_length(owa->objargs) > 0 ? linitial(owa->objargs) : NULL;
	const Node *right = list_length(owa->objargs) > 1 ? lsecond(owa->objargs) : NULL;
	return operator_args(b, left, right);
}

struct objhdr *build_named_find(struct builder *b, enum object_kind kind, const Node *obj)
{
	const char *schema = NULL, *name = NULL, *qual = NULL;
	struct object *o = NULL;

	if (obj == NULL)
		return NULL;
	switch (kind) {
	case OBJ_RULE:
		o = IS_NODE(obj, List) ? find_rule(b, (const List *)obj) : NULL;
		return o ? &o->h : NULL;
	case OBJ_OPERATOR:
		if (!IS_NODE(obj, ObjectWithArgs))
			return NULL;
		split_name(b, ((const ObjectWithArgs *)obj)->objname, &schema, &name);
		qual = owa_operator_args(b, (const ObjectWithArgs *)obj);
		break;
	case OBJ_CAST: /* (source, target) */
		if (!IS_NODE(obj, List) || list_length((const List *)obj) != 2)
			return NULL;
		name = cast_name(b, linitial((const List *)obj), lsecond((const List *)obj));
		break;
	case OBJ_TRANSFORM: /* (type, language) */
		if (!IS_NODE(obj, List) || list_length((const List *)obj) != 2 ||
		    !IS_NODE(linitial((const List *)obj), TypeName))
			return NULL;
		name = typefmt_format(b, linitial((const List *)obj));
		qual = node_string(lsecond((const List *)obj));
		break;
	case OBJ_OPERATOR_CLASS:
	case OBJ_OPERATOR_FAMILY: { /* (method, name...) */
		const List *items = IS_NODE(obj, List) ? (const List *)obj : NULL;
		if (items == NULL || list_length(items) < 2)
			return NULL;
		qual = node_string(linitial(items));
		List rest = *items; /* every item but the first */
		rest.elements = items->elements + 1;
		rest.length = items->length - 1;
		split_name(b, &rest, &schema, &name);
		break;
	}
	case OBJ_EVENT_TRIGGER:
	case OBJ_PUBLICATION:
	case OBJ_SUBSCRIPTION:
	case OBJ_FOREIGN_DATA_WRAPPER:
	case OBJ_SERVER:
	case OBJ_LANGUAGE:
	case OBJ_ACCESS_METHOD:
		name = node_string(obj);
		break;
	case OBJ_USER_MAPPING:
		return NULL; /* no owner, no comment, no grants */
	default:
		if (!IS_NODE(obj, List))
			return NULL;
		split_name(b, (const List *)obj, &schema, &name);
		break;
	}
	o = model_find_object(b->m, kind, schema, name, qual);
	return o ? &o->h : NULL;
}

const char *build_named_options(struct builder *b, const List *options)
{
	ListCell *lc;
	struct strbuf sb;
	bool any = false;
	sb_init(&sb);
	foreach (lc, options) {
		const DefElem *d = lfirst(lc);
		if (!IS_NODE(d, DefElem))
			continue;
		const char *v = node_string(d->arg);
		sb_printf(&sb, "%s%s '", any ? ", " : "", d->defname ? d->defname : "?");
		for (const char *c = v ? v : ""; *c; c++) {
			if (*c == '\'')
				sb_putc(&sb, '\'');
			sb_putc(&sb, *c);
		}
		sb_putc(&sb, '\'');
		any = true;
	}
	const char *r = any ? arena_strdup(b->a, sb.data) : NULL;
	sb_free(&sb);
	return r;
}

/* One option of build_named_options' form. */
struct option_item {
	char *name;
	char *value; /* the value, unquoted */
};

/* Split "a 'x', b 'it''s'" into items (strings in the arena). */
static void options_split(struct builder *b, const char *s, struct ptrvec *out)
{
	while (s != NULL && *s) {
		const char *q = strstr(s, " '");
		if (q == NULL)
			return;
		struct option_item *it = arena_alloc(b->a, sizeof(*it));
		it->name = arena_strndup(b->a, s, (size_t)(q - s));
		struct strbuf v;
		sb_init(&v);
		sb_append(&v, "");
		const char *c = q + 2;
		for (; *c; c++) {
			if (*c == '\'' && c[1] == '\'')
				c++;
			else if (*c == '\'')
				break;
			sb_putc(&v, *c);
		}
		it->value = arena_strdup(b->a, v.data);
		sb_free(&v);
		ptrvec_push(out, it);
		s = *c ? c + 1 : c;
		if (s[0] == ',' && s[1] == ' ')
			s += 2;
	}
}

const char *build_named_options_alter(struct builder *b, const char *old, const List *actions,
				      const char *what)
{
	struct ptrvec items = {0};
	ListCell *lc;
	const char *r = old;
	options_split(b, old, &items);
	foreach (lc, actions) {
		const DefElem *d = lfirst(lc);
		if (!IS_NODE(d, DefElem) || d->defname == NULL)
			continue;
		size_t at = items.n;
		for (size_t i = 0; i < items.n; i++)
			if (strcmp(((struct option_item *)items.v[i])->name, d->defname) == 0)
				at = i;
		const char *v = node_string(d->arg);
		if (d->defaction == DEFELEM_SET || d->defaction == DEFELEM_DROP) {
			if (at == items.n) {
				build_warn(b, 0,
					   "option \"%s\" of %s not found (statement ignored; "
					   "PostgreSQL stops with an error)",
					   d->defname, what);
				goto done;
			}
			if (d->defaction == DEFELEM_DROP) {
				memmove(&items.v[at], &items.v[at + 1],
					(items.n - at - 1) * sizeof(items.v[0]));
				items.n--;
			} else {
				((struct option_item *)items.v[at])->value =
				    arena_strdup(b->a, v ? v : "");
			}
		} else { /* ADD, or none */
			if (at != items.n) {
				build_warn(b, 0,
					   "option \"%s\" of %s provided more than once (statement "
					   "ignored; PostgreSQL stops with an error)",
					   d->defname, what);
				goto done;
			}
			struct option_item *it = arena_alloc(b->a, sizeof(*it));
			it->name = arena_strdup(b->a, d->defname);
			it->value = arena_strdup(b->a, v ? v : "");
			ptrvec_push(&items, it);
		}
	}
	struct strbuf sb;
	sb_init(&sb);
	for (size_t i = 0; i < items.n; i++) {
		const struct option_item *it = items.v[i];
		sb_printf(&sb, "%s%s '", i ? ", " : "", it->name);
		for (const char *c = it->value; *c; c++) {
			if (*c == '\'')
				sb_putc(&sb, '\'');
			sb_putc(&sb, *c);
		}
		sb_putc(&sb, '\'');
	}
	r = items.n ? arena_strdup(b->a, sb.data) : NULL;
	sb_free(&sb);
done:
	ptrvec_free(&items);
	return r;
}
