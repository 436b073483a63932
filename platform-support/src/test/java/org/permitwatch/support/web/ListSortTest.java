package org.permitwatch.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.permitwatch.support.problem.ApiException;

class ListSortTest {

    enum Keys implements SortKey {
        NAME("name", "u.unit_name"),
        ID("id", "u.id");

        private final String field;
        private final String column;

        Keys(String field, String column) {
            this.field = field;
            this.column = column;
        }

        @Override
        public String field() {
            return field;
        }

        @Override
        public String column() {
            return column;
        }
    }

    @Test
    void absentSortKeepsTheDefaultOrder() {
        assertThat(ListSort.orderBy(null, Keys.class, "u.created_at DESC, u.id", "u.id"))
                .isEqualTo("u.created_at DESC, u.id");
        assertThat(ListSort.orderBy("  ", Keys.class, "u.created_at DESC, u.id", "u.id"))
                .isEqualTo("u.created_at DESC, u.id");
    }

    @Test
    void aWhitelistedFieldOrdersByItsColumnThenTheTieBreakerInTheSameDirection() {
        assertThat(ListSort.orderBy("name,asc", Keys.class, "x", "u.id")).isEqualTo("u.unit_name ASC, u.id ASC");
        assertThat(ListSort.orderBy("name,DESC", Keys.class, "x", "u.id")).isEqualTo("u.unit_name DESC, u.id DESC");
        // the tie-breaker itself needs no second column
        assertThat(ListSort.orderBy("id,desc", Keys.class, "x", "u.id")).isEqualTo("u.id DESC");
    }

    @Test
    void unknownFieldOrDirectionIsA400NamingSort() {
        for (String bad : new String[] {"unit_name,asc", "name", "name,up", "name;drop table x,asc", ",asc"}) {
            assertThatThrownBy(() -> ListSort.orderBy(bad, Keys.class, "x", "u.id"))
                    .as(bad)
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.status().value()).isEqualTo(400);
                        assertThat(e.errors()).singleElement().satisfies(f -> {
                            assertThat(f.field()).isEqualTo("sort");
                            assertThat(f.message()).contains("name,asc | name,desc | id,asc | id,desc");
                        });
                    });
        }
    }

    @Test
    void allowedValuesAreBothDirectionsOfEachKeyInDeclarationOrder() {
        assertThat(ListSort.allowed(Keys.class)).containsExactly("name,asc", "name,desc", "id,asc", "id,desc");
    }

    /** A field whose text orders by its parts: 并环罚〔2026〕10号 after 并环罚〔2026〕2号. */
    enum NumberKeys implements SortKey {
        DOCUMENT_NO("documentNo");

        private final String field;

        NumberKeys(String field) {
            this.field = field;
        }

        @Override
        public String field() {
            return field;
        }

        @Override
        public String column() {
            return "d.prefix";
        }

        @Override
        public java.util.List<String> columns() {
            return java.util.List.of("d.prefix", "d.year", "d.seq");
        }
    }

    @Test
    void aFieldOfSeveralColumnsOrdersByEachInTheRequestedDirectionThenTheTieBreaker() {
        assertThat(ListSort.orderBy("documentNo,asc", NumberKeys.class, "x", "d.id"))
                .isEqualTo("d.prefix ASC, d.year ASC, d.seq ASC, d.id ASC");
        assertThat(ListSort.orderBy("documentNo,desc", NumberKeys.class, "x", "d.id"))
                .isEqualTo("d.prefix DESC, d.year DESC, d.seq DESC, d.id DESC");
    }
}
