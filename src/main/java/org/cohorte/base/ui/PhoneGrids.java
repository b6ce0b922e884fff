package org.cohorte.base.ui;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.page.Page;
import com.vaadin.flow.shared.Registration;

/**
 * Grids on a phone: below {@link #PHONE_MAX_WIDTH} px only the columns that matter stay (two or three fit a
 * 360 px screen without sideways scrolling) and cell text wraps instead of being cut. Follows the window when
 * it is resized or turned.
 */
public final class PhoneGrids {

    public static final int PHONE_MAX_WIDTH = 700;

    private PhoneGrids() {
    }

    /** Keeps the columns at these positions (0-based, in the order they were added) on a phone. */
    public static void keepOnPhone(Grid<?> grid, int... kept) {
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        Set<Integer> keep = Arrays.stream(kept).boxed().collect(Collectors.toSet());
        grid.addAttachListener(attach -> {
            Page page = attach.getUI().getPage();
            page.retrieveExtendedClientDetails(details -> apply(grid, keep, details.getWindowInnerWidth() < PHONE_MAX_WIDTH));
            Registration resize = page.addBrowserWindowResizeListener(e -> apply(grid, keep, e.getWidth() < PHONE_MAX_WIDTH));
            grid.addDetachListener(detach -> {
                resize.remove();
                detach.unregisterListener();
            });
        });
    }

    private static void apply(Grid<?> grid, Set<Integer> keep, boolean phone) {
        List<? extends Grid.Column<?>> columns = grid.getColumns();
        for (int i = 0; i < columns.size(); i++) {
            columns.get(i).setVisible(!phone || keep.contains(i));
        }
    }
}
