package dev.dbaas.pipeline.systemtests.faults;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Small SQL helpers for the scenarios' own checks and injections.
 */
final class Databases {

	private Databases() {
	}

	/**
	 * The first column of the first row of a query, as a number.
	 * @param database where to ask
	 * @param sql the query, with {@code ?} for the parameters
	 * @param parameters the parameters
	 * @return the number, or -1 if the database did not answer
	 */
	static long count(DataSource database, String sql, Object... parameters) {
		try (Connection connection = database.getConnection();
				PreparedStatement statement = connection.prepareStatement(sql)) {
			for (int i = 0; i < parameters.length; i++) {
				Object parameter = parameters[i];
				if (parameter instanceof String[] texts) {
					statement.setArray(i + 1, connection.createArrayOf("text", texts));
				}
				else {
					statement.setObject(i + 1, parameter);
				}
			}
			try (ResultSet rs = statement.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
		catch (SQLException ex) {
			return -1;
		}
	}

	/**
	 * Runs statements in one connection, in auto-commit mode.
	 * @param database where
	 * @param statements the SQL statements
	 */
	static void execute(DataSource database, String... statements) {
		try (Connection connection = database.getConnection()) {
			for (String sql : statements) {
				try (var statement = connection.createStatement()) {
					statement.execute(sql);
				}
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot execute " + String.join("; ", statements) + ": " + ex, ex);
		}
	}

}
