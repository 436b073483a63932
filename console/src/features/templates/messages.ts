// 文书模板: messages of this feature (its own namespace); the kinds' names are the case feature's (cases.documents.kinds).
const zh = {
  templates: {
    menu: '文书模板',
    heading: '执法文书模板',
    kind: '文书种类',
    version: '版本',
    title: '标题',
    numberWord: '文号字',
    published: '发布',
    next: '发布第 {version} 版',
    hint: '发布后制作的文书使用新版本并记录版本号；已制作的文书不变。占位符如 {\'{{\'}unitName{\'}}\'} 由案件数据填入。',
    load: '从 JSON 文件载入：',
    badFile: '文件格式不正确：{detail}',
    style: '第 {n} 段样式',
    label: '栏目名',
    text: '内容',
    when: '条件',
    up: '上移',
    down: '下移',
    remove: '删除',
    add: '添加段落',
    publish: '发布新版本',
    publishedOk: '新版本已发布',
  },
};

const en: typeof zh = {
  templates: {
    menu: 'Document templates',
    heading: 'Enforcement document templates',
    kind: 'Kind',
    version: 'Version',
    title: 'Title',
    numberWord: 'Number word',
    published: 'Published',
    next: 'Publish version {version}',
    hint: "Documents issued after publishing use the new version and record it; issued documents keep theirs. Placeholders such as {'{{'}unitName{'}}'} are filled from the case.",
    load: 'Load from a JSON file: ',
    badFile: 'Not a template file: {detail}',
    style: 'Style of block {n}',
    label: 'Label',
    text: 'Text',
    when: 'Condition',
    up: 'Move up',
    down: 'Move down',
    remove: 'Remove',
    add: 'Add a block',
    publish: 'Publish the new version',
    publishedOk: 'New version published',
  },
};

export default { 'zh-CN': zh, en };
