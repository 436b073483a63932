package org.permitwatch.inspection.remote;

/** 管理类别 in ascending strictness: REGISTRATION (登记) &lt; SIMPLIFIED (简化) &lt; KEY (重点). */
enum ManagementCategory {
    REGISTRATION,
    SIMPLIFIED,
    KEY
}
