package dev.dbaas.pipeline.status.projection.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * Binds one SQL array parameter per column of a batch of rows, for statements of the form
 * {@code INSERT ... SELECT ... FROM unnest(?::text[], ?::int8[], ...)}. Times and ids
 * travel as text and are cast in SQL.
 *
 * @param <T> the row type
 */
final class ColumnArrays<T> {

	private final Collection<T> rows;

	private final List<String> types = new ArrayList<>();

	private final List<Function<T, @Nullable Object>> values = new ArrayList<>();

	ColumnArrays(Collection<T> rows) {
		this.rows = rows;
	}

	ColumnArrays<T> text(Function<T, @Nullable Object> value) {
		return add("text", (row) -> {
			Object v = value.apply(row);
			return (v != null) ? v.toString() : null;
		});
	}

	ColumnArrays<T> int8(Function<T, @Nullable Long> value) {
		return add("int8", value::apply);
	}

	ColumnArrays<T> int4(Function<T, @Nullable Integer> value) {
		return add("int4", value::apply);
	}

	private ColumnArrays<T> add(String type, Function<T, @Nullable Object> value) {
		this.types.add(type);
		this.values.add(value);
		return this;
	}

	PreparedStatement bind(Connection connection, String sql) throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql);
		for (int column = 0; column < this.types.size(); column++) {
			Function<T, @Nullable Object> value = this.values.get(column);
			Object[] cells = new Object[this.rows.size()];
			int i = 0;
			for (T row : this.rows) {
				cells[i++] = value.apply(row);
			}
			statement.setArray(column + 1, connection.createArrayOf(this.types.get(column), cells));
		}
		return statement;
	}

}
