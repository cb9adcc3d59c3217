/** A card with one of every JSON 2.0 component the bot may use, for the renderer's tests. */
export function kitchenSinkCard(): Record<string, unknown> {
  const text = (content: string) => ({ tag: 'plain_text', content });
  const option = (value: string, label: string) => ({ text: text(label), value });
  return {
    schema: '2.0',
    config: { update_multi: true },
    header: { title: text('全部组件 <script>'), subtitle: text('副标题'), template: 'orange' },
    body: {
      elements: [
        {
          tag: 'markdown',
          content:
            "**加粗** *斜体* ~~删除~~ `代码`\n- 第一项\n- 第二项\n1. 其一\n[链接](https://example.com/) [坏链接](javascript:alert(1))\n<font color='red'>红字</font> <at id=ou_wjg></at> \\*不是斜体\\*",
        },
        { tag: 'hr' },
        {
          tag: 'div',
          text: { tag: 'lark_md', content: '**div**' },
          fields: [{ is_short: true, text: text('字段') }],
        },
        {
          tag: 'column_set',
          columns: [
            { tag: 'column', width: 'weighted', weight: 2, elements: [{ tag: 'markdown', content: '左' }] },
            {
              tag: 'column',
              width: 'auto',
              elements: [
                {
                  tag: 'button',
                  text: text('通过'),
                  type: 'primary',
                  behaviors: [{ type: 'callback', value: { action: 'a' } }],
                },
                {
                  tag: 'button',
                  text: text('退回'),
                  type: 'danger',
                  behaviors: [{ type: 'callback', value: { action: 'b' } }],
                },
              ],
            },
          ],
        },
        {
          tag: 'table',
          page_size: 5,
          columns: [
            { name: 'who', display_name: '姓名', data_type: 'text' },
            { name: 'n', display_name: '次数', data_type: 'number' },
            { name: 'p', display_name: '人员', data_type: 'persons' },
            { name: 'o', display_name: '状态', data_type: 'options' },
          ],
          rows: [{ who: '张伟', n: 5, p: ['ou_lxy'], o: [{ text: '已记实', color: 'green' }] }],
        },
        {
          tag: 'collapsible_panel',
          header: { title: { tag: 'markdown', content: '**详情**' } },
          elements: [
            { tag: 'person', user_id: 'ou_lxy' },
            { tag: 'person_list', persons: [{ id: 'ou_wjg' }] },
          ],
        },
        {
          tag: 'chart',
          aspect_ratio: '16:9',
          chart_spec: {
            type: 'bar',
            data: {
              values: [
                { m: '10月', v: 3 },
                { m: '11月', v: 5 },
              ],
            },
            xField: 'm',
            yField: 'v',
          },
        },
        {
          tag: 'interactive_container',
          behaviors: [{ type: 'callback', value: { action: 'open' } }],
          elements: [{ tag: 'markdown', content: '点开' }],
        },
        {
          tag: 'form',
          name: 'f',
          elements: [
            {
              tag: 'input',
              name: 'note',
              input_type: 'multiline_text',
              rows: 4,
              required: true,
              label: text('记实'),
            },
            { tag: 'input', name: 'title', placeholder: text('标题') },
            {
              tag: 'select_static',
              name: 'month',
              initial_option: '2026-11',
              options: [option('2026-10', '10月'), option('2026-11', '11月')],
            },
            {
              tag: 'multi_select_static',
              name: 'tags',
              options: [option('study', '学习'), option('serve', '服务')],
            },
            { tag: 'select_person', name: 'who', options: [{ value: 'ou_lxy' }] },
            { tag: 'date_picker', name: 'day', initial_date: '2026-11-25' },
            { tag: 'picker_time', name: 'time' },
            { tag: 'checker', name: 'agree', text: text('确认') },
            {
              tag: 'button',
              name: 'submit',
              text: text('提交'),
              type: 'primary',
              form_action_type: 'submit',
              behaviors: [{ type: 'callback', value: { action: 'save' } }],
            },
          ],
        },
      ],
    },
  };
}
