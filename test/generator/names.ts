/** Name material for the synthetic population: common and rare surnames, polyphonic surnames, homophones. */
export const SURNAMES = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
  '单', '解', '朴', '仇', '查', '欧阳', '司马', '诸葛', '上官', '皇甫',
];

export const GIVEN_CHARS = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平',
  '刚', '桂', '英', '华', '建', '国', '文', '志', '红', '玉', '兰', '梅', '海', '燕', '林', '波', '宁', '鹏', '飞', '翠',
  '花', '春', '晓', '雪', '婷', '浩', '宇', '欣', '怡', '博', '俊', '凯', '琳', '晨', '佳', '嘉', '子', '思', '雨', '萱',
];

/** Same sound, different character: a clerk typing from speech picks the wrong one. */
export const HOMOPHONES: Record<string, string> = {
  伟: '玮', 芳: '方', 敏: '闽', 静: '靖', 丽: '莉', 强: '蔷', 军: '君', 杰: '洁', 涛: '韬', 明: '铭',
  霞: '侠', 平: '萍', 华: '桦', 建: '健', 国: '帼', 文: '雯', 志: '智', 红: '虹', 玉: '钰', 兰: '岚',
  海: '海', 燕: '艳', 林: '琳', 波: '博', 宁: '凝', 鹏: '朋', 飞: '菲', 春: '纯', 晓: '筱', 雪: '学',
  婷: '庭', 浩: '皓', 宇: '雨', 欣: '馨', 怡: '宜', 俊: '骏', 凯: '恺', 晨: '辰', 佳: '家', 嘉: '佳',
};

/** Uyghur and other minority names, written with the middle dot that systems render four ways. */
export const MINORITY_NAMES = ['买买提·艾力', '阿依古丽·吐尔逊', '艾尔肯·买买提', '古丽娜尔·阿不都', '扎西·顿珠', '次仁·卓玛'];
export const MINORITY_SEPARATORS = ['•', '.', ' ', ''];

export const REGIONS = ['330502', '330503', '330521', '330522', '330523'];
