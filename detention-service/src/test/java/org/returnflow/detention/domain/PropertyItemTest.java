package org.returnflow.detention.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Property moves HELD → PACKED → HANDED_OVER, or back to the person; never backwards. */
class PropertyItemTest {

    @Test
    void heldItemIsPackedThenHandedOver() {
        PropertyItem item = Records.item(Records.removable(), PropertyKind.LUGGAGE);
        assertThat(item.status()).isEqualTo(PropertyStatus.HELD);
        Records.move(item, PropertyStatus.PACKED);
        Records.move(item, PropertyStatus.HANDED_OVER);
        assertThat(item.status()).isEqualTo(PropertyStatus.HANDED_OVER);
    }

    @Test
    void aReturnedItemCannotBePackedAndAPackedItemCannotBePackedAgain() {
        PropertyItem returned = Records.item(Records.removable(), PropertyKind.VALUABLES);
        Records.move(returned, PropertyStatus.RETURNED);
        PropertyItem packed = Records.item(Records.removable(), PropertyKind.VALUABLES);
        Records.move(packed, PropertyStatus.PACKED);

        assertThatThrownBy(() -> Records.move(returned, PropertyStatus.PACKED)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Records.move(packed, PropertyStatus.PACKED)).isInstanceOf(IllegalStateException.class);
        assertThat(returned.status()).isEqualTo(PropertyStatus.RETURNED);
    }

    @Test
    void aLiftedHoldCannotBeLiftedAgain() {
        Detainee d = Records.removable();
        LegalHold hold = Records.hold(d, org.returnflow.contracts.detention.LegalHoldKind.APPEAL);
        Records.lift(hold);
        assertThatThrownBy(() -> Records.lift(hold)).isInstanceOf(IllegalStateException.class);
        assertThat(hold.liftReason()).isEqualTo("Appeal dismissed");
    }
}
