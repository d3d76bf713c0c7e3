<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis version="3.28.0-Firenze" styleCategories="Symbology">
  <renderer-v2 type="categorizedSymbol" attr="coalesce(&quot;type&quot;, &apos;Unspecified&apos;)" symbollevels="0" enableorderby="0" forceraster="0">
    <categories>
      <category symbol="0" value="Armed clash" label="Armed clash (2)" render="true"/>
      <category symbol="1" value="Riot" label="Riot (2)" render="true"/>
    </categories>
    <symbols>
      <symbol type="marker" name="0" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="angle" type="QString" value="0"/>
            <Option name="color" type="QString" value="0,114,178,255"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="name" type="QString" value="circle"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.265"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="scale_method" type="QString" value="diameter"/>
            <Option name="size" type="QString" value="3.440"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <prop k="angle" v="0"/>
          <prop k="color" v="0,114,178,255"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="name" v="circle"/>
          <prop k="outline_color" v="255,255,255,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.265"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="scale_method" v="diameter"/>
          <prop k="size" v="3.440"/>
          <prop k="size_unit" v="MM"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), &apos;255,255,255,255&apos;, &apos;0,114,178,255&apos;)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), &apos;0,114,178,255&apos;, &apos;255,255,255,255&apos;)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), 0.582, 0.265)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
      <symbol type="marker" name="1" alpha="1" clip_to_extent="1" force_rhr="0">
        <layer class="SimpleMarker" enabled="1" locked="0" pass="0">
          <Option type="Map">
            <Option name="angle" type="QString" value="0"/>
            <Option name="color" type="QString" value="213,94,0,255"/>
            <Option name="joinstyle" type="QString" value="miter"/>
            <Option name="name" type="QString" value="square"/>
            <Option name="outline_color" type="QString" value="255,255,255,255"/>
            <Option name="outline_style" type="QString" value="solid"/>
            <Option name="outline_width" type="QString" value="0.265"/>
            <Option name="outline_width_unit" type="QString" value="MM"/>
            <Option name="scale_method" type="QString" value="diameter"/>
            <Option name="size" type="QString" value="3.048"/>
            <Option name="size_unit" type="QString" value="MM"/>
          </Option>
          <prop k="angle" v="0"/>
          <prop k="color" v="213,94,0,255"/>
          <prop k="joinstyle" v="miter"/>
          <prop k="name" v="square"/>
          <prop k="outline_color" v="255,255,255,255"/>
          <prop k="outline_style" v="solid"/>
          <prop k="outline_width" v="0.265"/>
          <prop k="outline_width_unit" v="MM"/>
          <prop k="scale_method" v="diameter"/>
          <prop k="size" v="3.048"/>
          <prop k="size_unit" v="MM"/>
          <data_defined_properties>
            <Option type="Map">
              <Option name="name" type="QString" value=""/>
              <Option name="properties" type="Map">
                <Option name="fillColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), &apos;255,255,255,255&apos;, &apos;213,94,0,255&apos;)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineColor" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), &apos;213,94,0,255&apos;, &apos;255,255,255,255&apos;)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
                <Option name="outlineWidth" type="Map">
                  <Option name="active" type="bool" value="true"/>
                  <Option name="expression" type="QString" value="if(&quot;incimap_precision&quot; IN (&apos;admin1&apos;, &apos;admin2&apos;, &apos;country&apos;, &apos;area&apos;), 0.582, 0.265)"/>
                  <Option name="type" type="int" value="3"/>
                </Option>
              </Option>
              <Option name="type" type="QString" value="collection"/>
            </Option>
          </data_defined_properties>
        </layer>
      </symbol>
    </symbols>
  </renderer-v2>
</qgis>
