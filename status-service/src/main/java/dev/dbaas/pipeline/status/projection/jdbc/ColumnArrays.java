package dev.dbaas.pipeline.status.projection.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

/**
 * Binds one SQL array parameter per column of a batch of rows, for statements of the form
 * {@code INSERT ... SELECT ... FROM unnest(?::text[], ?::int8[], ...)}. Ids travel as
 * text and are cast in SQL, times as epoch microseconds.
 *
 * <p>
 * Each column is a typed Java array ({@code String[]}, {@code Long[]},
 * {@code Integer[]}): the driver then sends number arrays in PostgreSQL's binary format,
 * so neither side formats or parses them as text, and text arrays without per-element
 * type checks.
 *
 * @param <T> the row type
 */
final class ColumnArrays<T> {

	private final Collection<T> rows;

	private final List<String> types = new ArrayList<>();

	private final List<Function<T, @Nullable Object>> values = new ArrayList<>();

	private final List<IntFunction<Object[]>> arrays = new ArrayList<>();

	ColumnArrays(Collection<T> rows) {
		this.rows = rows;
	}

	ColumnArrays<T> text(Function<T, @Nullable Object> value) {
		return add("text", String[]::new, (row) -> {
			Object v = value.apply(row);
			return (v != null) ? v.toString() : null;
		});
	}

	ColumnArrays<T> int8(Function<T, @Nullable Long> value) {
		return add("int8", Long[]::new, value::apply);
	}

	ColumnArrays<T> int4(Function<T, @Nullable Integer> value) {
		return add("int4", Integer[]::new, value::apply);
	}

	ColumnArrays<T> bool(Function<T, @Nullable Boolean> value) {
		return add("bool", Boolean[]::new, value::apply);
	}

	private ColumnArrays<T> add(String type, IntFunction<Object[]> array, Function<T, @Nullable Object> value) {
		this.types.add(type);
		this.arrays.add(array);
		this.values.add(value);
		return this;
	}

	PreparedStatement bind(Connection connection, String sql) throws SQLException {
		PreparedStatement statement = connection.prepareStatement(sql);
		for (int column = 0; column < this.types.size(); column++) {
			Function<T, @Nullable Object> value = this.values.get(column);
			Object[] cells = this.arrays.get(column).apply(this.rows.size());
			int i = 0;
			for (T row : this.rows) {
				cells[i++] = value.apply(row);
			}
			statement.setArray(column + 1, connection.createArrayOf(this.types.get(column), cells));
		}
		return statement;
	}

}
