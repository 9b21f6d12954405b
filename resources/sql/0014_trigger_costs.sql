-- Keep the write path cheap: rule triggers fire only when a ruled column changes. Their WHEN clauses are
-- generated from the rule tables, and regenerated whenever an administrator changes those rules.

CREATE FUNCTION rules.install_rule_triggers() RETURNS void
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    target record;
    condition text;
BEGIN
    -- Drop every rule trigger, then create one per ruled table with a WHEN clause over its ruled columns.
    FOR target IN SELECT tgrelid::regclass::text AS table_name, tgname FROM pg_trigger
                  WHERE tgname IN ('field_policy', 'field_policy_insert', 'authoritative_source') AND NOT tgisinternal LOOP
        EXECUTE format('DROP TRIGGER %I ON %s', target.tgname, target.table_name);
    END LOOP;
    FOR target IN SELECT table_name, array_agg(DISTINCT column_name) AS columns FROM rules.field_policy
                  GROUP BY table_name LOOP
        SELECT string_agg(format('OLD.%1$I IS DISTINCT FROM NEW.%1$I', c), ' OR ') INTO condition
        FROM unnest(target.columns) c;
        EXECUTE format('CREATE TRIGGER field_policy BEFORE UPDATE ON %s FOR EACH ROW WHEN (%s) '
                       'EXECUTE FUNCTION rules.enforce_field_policy()', target.table_name, condition);
        -- On insert a policy column counts when it is given a value (NULL and false are no value).
        SELECT string_agg(format('coalesce(NEW.%1$I::text, ''false'') <> ''false''', c), ' OR ') INTO condition
        FROM unnest(target.columns) c;
        EXECUTE format('CREATE TRIGGER field_policy_insert BEFORE INSERT ON %s FOR EACH ROW WHEN (%s) '
                       'EXECUTE FUNCTION rules.enforce_field_policy()', target.table_name, condition);
    END LOOP;
    FOR target IN SELECT table_name, array_agg(DISTINCT column_name) AS columns FROM rules.authoritative_source
                  GROUP BY table_name LOOP
        SELECT string_agg(format('OLD.%1$I IS DISTINCT FROM NEW.%1$I', c), ' OR ') INTO condition
        FROM unnest(target.columns) c;
        EXECUTE format('CREATE TRIGGER authoritative_source BEFORE UPDATE ON %s FOR EACH ROW WHEN (%s) '
                       'EXECUTE FUNCTION rules.enforce_authoritative_source()', target.table_name, condition);
    END LOOP;
END
$$;
REVOKE ALL ON FUNCTION rules.install_rule_triggers FROM PUBLIC;

CREATE FUNCTION rules.rules_changed() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM rules.install_rule_triggers();
    RETURN NULL;
END
$$;
CREATE TRIGGER reinstall AFTER INSERT OR UPDATE OR DELETE ON rules.field_policy
    FOR EACH STATEMENT EXECUTE FUNCTION rules.rules_changed();
CREATE TRIGGER reinstall AFTER INSERT OR UPDATE OR DELETE ON rules.authoritative_source
    FOR EACH STATEMENT EXECUTE FUNCTION rules.rules_changed();

SELECT rules.install_rule_triggers();
