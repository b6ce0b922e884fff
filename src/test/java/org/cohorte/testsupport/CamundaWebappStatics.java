package org.cohorte.testsupport;

import org.camunda.bpm.admin.Admin;
import org.camunda.bpm.admin.AdminRuntimeDelegate;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.CockpitRuntimeDelegate;
import org.camunda.bpm.tasklist.Tasklist;
import org.camunda.bpm.tasklist.TasklistRuntimeDelegate;
import org.camunda.bpm.welcome.Welcome;
import org.camunda.bpm.welcome.WelcomeRuntimeDelegate;

/**
 * Camunda's web apps keep their runtime in JVM-wide statics, and a web application that stops sets them to null:
 * a test that starts and closes a second Cohorte in the test JVM would leave the shared context's Cockpit, Admin
 * and setup page answering 500. Taken before the second application starts, put back when it is closed (declare
 * it first in the try-with-resources, so it closes last). One application per JVM in production: nothing to do there.
 */
public final class CamundaWebappStatics implements AutoCloseable {

    private final CockpitRuntimeDelegate cockpit = Cockpit.getRuntimeDelegate();
    private final AdminRuntimeDelegate admin = Admin.getRuntimeDelegate();
    private final TasklistRuntimeDelegate tasklist = Tasklist.getRuntimeDelegate();
    private final WelcomeRuntimeDelegate welcome = Welcome.getRuntimeDelegate();

    private CamundaWebappStatics() {
    }

    public static CamundaWebappStatics kept() {
        return new CamundaWebappStatics();
    }

    @Override
    public void close() {
        Cockpit.setCockpitRuntimeDelegate(cockpit);
        Admin.setAdminRuntimeDelegate(admin);
        Tasklist.setTasklistRuntimeDelegate(tasklist);
        Welcome.setRuntimeDelegate(welcome);
    }
}
